// What the engine reports: plain data, LSP-shaped (0-based positions) but free of any LSP or VS Code import.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix the rule knows how to make: the language server turns it into a code action. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Finding {
  /** Stable id of the rule (or schema check) that found it; the diagnostic `code`. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}
