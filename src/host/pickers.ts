import * as path from 'node:path';
import * as vscode from 'vscode';
import { messages } from './messages';

/** Files listed in a picker at most; a workspace with more can still use Browse…. */
const MAX_FILES = 500;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**,**/dist/**}';

interface FileItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  /** A Browse… item that opens a folder dialog. */
  browseFolder?: boolean;
}

/** Where {@link pickFile} looks, and what else it offers. */
interface PickFileOptions {
  glob: string;
  title: string;
  placeHolder: string;
  filters: Record<string, string[]>;
  /** The model: files in its folder come first. */
  near?: vscode.Uri;
  /** Offered after the files (e.g. image folders); looked up while the files are. */
  extra?: Promise<FileItem[]>;
  /** Offer a second Browse… for a folder (a dialog cannot offer files and folders on Windows and Linux). */
  folders?: boolean;
}

/** Lets the user pick a workspace file matching `glob` (or an extra item), or browse for one. */
async function pickFile(o: PickFileOptions): Promise<vscode.Uri | undefined> {
  const [found, extra] = await Promise.all([vscode.workspace.findFiles(o.glob, EXCLUDE, MAX_FILES), o.extra ?? []]);
  // Files in the folder of `near` (the model) are the likeliest choice, so they come first.
  const home = o.near ? path.dirname(o.near.fsPath) : undefined;
  const rank = (u: vscode.Uri) => (home && path.dirname(u.fsPath) === home ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || a.fsPath.localeCompare(b.fsPath));
  const items: FileItem[] = found.map((uri) => ({
    label: path.basename(uri.fsPath),
    description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)),
    uri,
  }));
  items.push(...extra);
  items.push({ label: messages.browse, detail: messages.browseDetail, alwaysShow: true });
  if (o.folders) items.push({ label: messages.browseFolder, detail: messages.browseFolderDetail, alwaysShow: true, browseFolder: true });
  const pick = await vscode.window.showQuickPick(items, { title: o.title, placeHolder: o.placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const defaultUri = vscode.workspace.workspaceFolders?.[0]?.uri;
  const chosen = pick.browseFolder
    ? await vscode.window.showOpenDialog({ canSelectMany: false, canSelectFiles: false, canSelectFolders: true, title: o.title, defaultUri })
    : await vscode.window.showOpenDialog({ canSelectMany: false, filters: o.filters, title: o.title, defaultUri });
  return chosen?.[0];
}

/** Step 1: the ONNX model. */
export function pickModel(): Promise<vscode.Uri | undefined> {
  return pickFile({ glob: '**/*.onnx', title: messages.pickModelTitle, placeHolder: messages.pickModelPlaceholder, filters: { 'ONNX models': ['onnx'] } });
}

/** Images looked at, at most, to find image folders. */
const MAX_IMAGES = 5000;

/**
 * Workspace folders laid out as image datasets (ImageFolder: one subfolder of images per class,
 * at least two classes), found from where the workspace's images are.
 */
async function imageFolders(): Promise<FileItem[]> {
  const { IMAGE_EXTENSIONS } = await import('../core/images/preprocess');
  const exts = IMAGE_EXTENSIONS.flatMap((e) => [e.slice(1), e.slice(1).toUpperCase()]);
  const images = await vscode.workspace.findFiles(`**/*.{${exts.join(',')}}`, EXCLUDE, MAX_IMAGES);
  // Class folder names by candidate root; null for a root outside the workspace (images at the
  // top of a workspace folder would make a "dataset" of its parent). Looked up once per root.
  const classes = new Map<string, Set<string> | null>();
  for (const u of images) {
    const classDir = path.dirname(u.fsPath);
    const root = path.dirname(classDir);
    if (!classes.has(root)) classes.set(root, vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root)) ? new Set() : null);
    classes.get(root)?.add(path.basename(classDir));
  }
  return [...classes]
    .filter((e): e is [string, Set<string>] => (e[1]?.size ?? 0) >= 2)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([root, names]) => ({ label: path.basename(root), iconPath: new vscode.ThemeIcon('file-media'), description: `${messages.imageFolder(names.size)} · ${vscode.workspace.asRelativePath(root)}`, uri: vscode.Uri.file(root) }));
}

/**
 * Step 2: the dataset, among files with the extensions the readers support; with `images`, also
 * the workspace's image folders (the first 5,000 images found say where they are) and a Browse…
 * for a folder.
 */
export function pickDataset(extensions: readonly string[], near?: vscode.Uri, images = false): Promise<vscode.Uri | undefined> {
  const exts = extensions.map((e) => e.replace(/^\./, ''));
  return pickFile({
    glob: `**/*.{${exts.join(',')}}`, title: messages.pickDataTitle, placeHolder: images ? messages.pickDataOrImagesPlaceholder : messages.pickDataPlaceholder,
    // A failed folder search only leaves the folders out; tables and Browse… still work.
    filters: { Datasets: exts }, near, extra: images ? imageFolders().catch(() => []) : undefined, folders: images,
  });
}

/** True when `uri` is a folder (an image dataset), false for a file or when it cannot be read. */
export async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

/** Step 3: the label column; the guessed column comes first and is preselected. */
export async function pickLabel(columns: readonly string[], guessed: string | undefined): Promise<string | undefined> {
  const ordered = guessed && columns.includes(guessed) ? [guessed, ...columns.filter((c) => c !== guessed)] : [...columns];
  const items: vscode.QuickPickItem[] = ordered.map((name) => ({
    label: name,
    description: name === guessed ? messages.guessedLabel : undefined,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: messages.pickLabelTitle, placeHolder: messages.pickLabelPlaceholder, ignoreFocusOut: true });
  return pick?.label;
}

/**
 * A file named in command arguments: a URI string, an absolute path, or a path relative to the
 * first workspace folder (the folder posthoc.json and the CLI examples are written against).
 */
export function toUri(value: string | vscode.Uri): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (/^[a-z][\w+.-]+:\/\//i.test(value)) return vscode.Uri.parse(value);
  if (path.isAbsolute(value)) return vscode.Uri.file(value);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root ? vscode.Uri.joinPath(root, value) : vscode.Uri.file(path.resolve(value));
}

/** The dataset's column names (read from its first 50 rows) and the guessed label column, for a label picker. */
export async function labelChoices(data: vscode.Uri): Promise<{ columns: string[]; guess?: string }> {
  const { readTable } = await import('../core/data/readTable');
  const { guessLabelColumn } = await import('../core/data/columns');
  const head = await readTable(data.fsPath, { maxRows: 50 });
  return { columns: head.columns.map((c) => c.name), guess: guessLabelColumn(head) ?? undefined };
}
