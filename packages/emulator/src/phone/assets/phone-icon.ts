/** The tab icon: a small phone with a chat bubble, our own drawing. */
export const phoneIconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect x="8" y="2" width="16" height="28" rx="4" fill="#23305c"/>
<rect x="10" y="6" width="12" height="19" rx="1.5" fill="#eef1ff"/>
<path d="M12 10h8a1.5 1.5 0 0 1 1.5 1.5v4A1.5 1.5 0 0 1 20 17h-5l-3 2.5V17a1.5 1.5 0 0 1-1.5-1.5v-4A1.5 1.5 0 0 1 12 10z" fill="#4f6bed"/>
<circle cx="16" cy="27.5" r="1.2" fill="#eef1ff"/>
</svg>
`;
