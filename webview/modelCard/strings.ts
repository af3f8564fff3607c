/** The model card page's own strings (the host's live in src/host/messages.ts). */
export const messagesUi = {
  evaluate: 'Evaluate…',
  trustNeeded: 'Evaluating runs the model, which Posthoc does only in a trusted workspace. Trust this workspace to evaluate; the card itself is safe to read.',
  errorHint: 'The file could not be read as an ONNX model. Re-export it, or open it with another editor (Open With…).',
  cannotRead: (fileName: string) => `Cannot show ${fileName}`,
  reading: (fileName: string, size: string) => `Reading ${fileName} (${size})…`,
} as const;
