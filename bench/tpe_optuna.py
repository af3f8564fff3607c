# Optuna's TPE suggestion time with 1,000 finished trials, for bench/tpe.bench.ts.
# Prints one JSON line: {"ms_per_suggestion": ..., "optuna": "3.1.0"}.
import json
import math
import random
import sys
import time
import warnings

warnings.simplefilter("ignore")
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)
n_trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 20
rng = random.Random(0)
dists = {
    "x": optuna.distributions.FloatDistribution(-5, 5),
    "lr": optuna.distributions.FloatDistribution(1e-4, 1e-1, log=True),
    "depth": optuna.distributions.IntDistribution(2, 10, step=2),
    "opt": optuna.distributions.CategoricalDistribution(["adam", "sgd", "rmsprop"]),
}
study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
trials = []
for _ in range(n_trials):
    p = {"x": rng.uniform(-5, 5), "lr": math.exp(rng.uniform(math.log(1e-4), math.log(1e-1))),
         "depth": rng.choice([2, 4, 6, 8, 10]), "opt": rng.choice(["adam", "sgd", "rmsprop"])}
    value = (p["x"] - 1) ** 2 + abs(math.log10(p["lr"]) + 2) + p["depth"] / 10 + (p["opt"] == "sgd")
    trials.append(optuna.trial.create_trial(params=p, distributions=dists, value=value))
study.add_trials(trials)
start = time.perf_counter()
for _ in range(repeats):
    t = study.ask()
    t.suggest_float("x", -5, 5)
    t.suggest_float("lr", 1e-4, 1e-1, log=True)
    t.suggest_int("depth", 2, 10, step=2)
    t.suggest_categorical("opt", ["adam", "sgd", "rmsprop"])
    study.tell(t, state=optuna.trial.TrialState.FAIL)
elapsed = time.perf_counter() - start
print(json.dumps({"ms_per_suggestion": elapsed / repeats * 1000, "optuna": optuna.__version__}))
