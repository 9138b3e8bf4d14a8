const emojis = [
  '😀',
  '😂',
  '😊',
  '😉',
  '😍',
  '🙏',
  '👍',
  '👎',
  '👏',
  '🙌',
  '💪',
  '🤝',
  '🎉',
  '✅',
  '❌',
  '⚠️',
  '❤️',
  '🔥',
  '⭐',
  '📄',
  '📎',
  '📅',
  '⏰',
  '💶',
  '🏦',
  '🏠',
  '🚗',
  '📞',
  '✉️',
  '🤔',
  '😅',
  '🙂',
];

/** A small grid of the emoji people use at work; each a button named by its emoji. */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  return (
    <div className="sb-emoji-grid" role="group" aria-label="Emoji">
      {emojis.map((emoji) => (
        <button key={emoji} type="button" onClick={() => onPick(emoji)} aria-label={`Insert ${emoji}`}>
          {emoji}
        </button>
      ))}
    </div>
  );
}
