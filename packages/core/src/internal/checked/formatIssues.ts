/** Zod issues as one readable clause: `at 'items[2].name': expected string, received number`. */

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Format a path like `items[2].name`; the empty path is the value itself. */
function formatPath(path: readonly PropertyKey[], root = 'the message'): string {
  if (path.length === 0) return root;
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'symbol') text += `[${key.toString()}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return `'${text}'`;
}

/** At most three issues, joined with '; '. `root` names the value itself. */
export function formatIssues(issues: readonly Issue[], root = 'the message'): string {
  const max = 3;
  const shown = issues
    .slice(0, max)
    .map(
      (issue) =>
        `at ${formatPath(issue.path, root)}: ${issue.message.replace(/^Invalid input: /, '')}`,
    );
  const more = issues.length > max ? `; and ${issues.length - max} more` : '';
  return shown.join('; ') + more;
}
