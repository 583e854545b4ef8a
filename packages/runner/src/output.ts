/** Where the command writes, and whether in colour (a terminal, unless NO_COLOR is set). */
import { styleText } from 'node:util';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly color: boolean;
}

export const processOutput: Output = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  get color() {
    return process.stderr.isTTY === true && process.env.NO_COLOR === undefined;
  },
};

/** `text` in a colour, if the output takes colour. */
export function paint(
  output: Output,
  style: Parameters<typeof styleText>[0],
  text: string,
): string {
  return output.color ? styleText(style, text, { validateStream: false }) : text;
}
