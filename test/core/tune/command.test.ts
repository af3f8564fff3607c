// Trial commands: shell-like splitting without a shell, placeholders, and reading the output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArgv, parseIntermediate, placeholders, readObjective, splitCommand } from '../../../src/core/tune/command';

describe('trial commands', () => {
  it('splits words like sh: quotes and backslashes, nothing expanded', () => {
    assert.deepEqual(splitCommand(`python  train.py --name 'a b' --x "c \\"d\\"" e\\ f $HOME *.py`), ['python', 'train.py', '--name', 'a b', '--x', 'c "d"', 'e f', '$HOME', '*.py']);
    assert.throws(() => splitCommand('python "unclosed'), /unclosed/);
  });

  it('fills placeholders per word, so a value never splits or injects', () => {
    const argv = buildArgv('python train.py --lr {lr} --tag run-{trial} --name {name}', false, { lr: 0.001, trial: 3, name: 'a b; rm -rf /' }, ['lr', 'name']);
    assert.deepEqual(argv, ['python', 'train.py', '--lr', '0.001', '--tag', 'run-3', '--name', 'a b; rm -rf /']);
    assert.deepEqual(placeholders('x {a} {b}{a}'), ['a', 'b']);
  });

  it('drops the words of inactive parameters with their option', () => {
    const argv = buildArgv(['t', '--opt', '{opt}', '--momentum', '{momentum}', '--m2={momentum}', '-v'], false, { opt: 'adam' }, ['opt', 'momentum']);
    assert.deepEqual(argv, ['t', '--opt', 'adam', '-v']);
  });

  it('quotes values for /bin/sh when shell is true', () => {
    const argv = buildArgv('echo {name} | cat --x {absent}', true, { name: "it's" }, ['name', 'absent']);
    assert.deepEqual(argv, ['/bin/sh', '-c', `echo 'it'\\''s' | cat`]);
  });

  it('reads intermediate values and the objective', () => {
    assert.deepEqual(parseIntermediate('{"step": 3, "value": 0.41}'), { step: 3, value: 0.41 });
    assert.equal(parseIntermediate('{"step": 1.5, "value": 1}'), undefined);
    assert.equal(parseIntermediate('epoch 3'), undefined);
    const out = '{"step": 0, "value": 1}\n{"val_loss": 0.5}\nsaved model\n{"val_loss": 0.25, "acc": 0.9}\nbye\n';
    assert.equal(readObjective({ json: 'val_loss' }, out), 0.25);
    assert.equal(readObjective({ json: 'missing' }, out), undefined);
    assert.equal(readObjective({ regex: 'loss=([0-9.]+)' }, 'loss=0.5\nloss=0.3\n'), 0.3);
  });
});
