// A block of code to paste somewhere else, with a button that copies it. Where the clipboard API
// is refused (a plain-http address other than localhost), the text is selected for Ctrl+C.
import { useRef, useState } from 'preact/hooks';

export function CopyableCode({ code, label }: { code: string; label: string }) {
  const pre = useRef<HTMLPreElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setState('copied');
    } catch {
      const selection = window.getSelection();
      const range = document.createRange();
      range.selectNodeContents(pre.current!);
      selection?.removeAllRanges();
      selection?.addRange(range);
      setState('selected');
    }
    setTimeout(() => setState('idle'), 2500);
  };

  return (
    <div class="copyable">
      <pre ref={pre} aria-label={label} tabIndex={0}>
        <code>{code}</code>
      </pre>
      <button type="button" class="button button-small" onClick={copy}>
        {state === 'copied' ? 'Copied' : state === 'selected' ? 'Press Ctrl+C' : 'Copy'}
      </button>
      <span class="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
    </div>
  );
}
