/** Browser: copy the text of the element a `[data-copy-target]` button names. */

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context; fall back to a selection copy.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** Wire every copy button under `root` (idempotent). */
export function attachCopyButtons(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-target]:not([data-wired])')) {
    button.dataset.wired = '1';
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      const target = document.getElementById(button.dataset.copyTarget ?? '');
      if (!target) return;
      await copyText(target.textContent ?? '');
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = 'Copy'), 1500);
    });
  }
}
