/**
 * Training curves: readers for TensorBoard event files, Lightning/Keras CSV, JSON Lines and
 * MLflow logs into one {@link Runs} shape; incremental tailing; TensorBoard-identical smoothing.
 */
export type { LoadedRuns, LogKind, LogSource, RunTags, Runs, ScalarSeries } from './types';
export { crc32c, maskCrc, maskedCrc32c } from './crc32c';
export { decodeScalarEvent, EventDecoder, ProtoError, type ScalarEvent, type ScalarSink } from './eventProto';
export { EventFileTail, isEventFileName, readEventFile, type TailUpdate } from './eventFile';
export { readCsvLog, readJsonlLog, tagsFromTable } from './tableLogs';
export { isMlflowRunDir, mlflowRunName, readMlflowRun } from './mlflow';
export { discoverRuns, runKey } from './discover';
export { LogdirTail, loadRuns, type CurvesReadOptions, type PollResult } from './logdirTail';
export { downsampleIndices, smooth } from './smooth';
export { seriesStats, type SeriesStats } from './stats';
export { SeriesBuilder, TagBuilders, concatSeries, mergeTags } from './seriesBuilder';
export { runsToJson, type RunsJson } from './json';
