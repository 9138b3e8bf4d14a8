import { useEffect, useRef } from 'react';

export const shortcuts: readonly { keys: string; does: string }[] = [
  { keys: '?', does: 'Show this list' },
  { keys: '/', does: 'Search conversations' },
  { keys: 'Alt + ↑ / Alt + ↓', does: 'Previous / next conversation' },
  { keys: '↑ / ↓ in the list', does: 'Move between conversations' },
  { keys: '↑ / ↓ on a message', does: 'Move between messages' },
  { keys: 'Alt + M', does: 'Write a message' },
  { keys: 'Enter', does: 'Send (Shift + Enter: new line; a setting under the box)' },
  { keys: 'Esc', does: 'Cancel a reply, close this list' },
];

/** The keyboard shortcut sheet, a modal dialog (`?` opens it). */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="inbox-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="sb-button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
