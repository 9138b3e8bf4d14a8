import { crc32, deflateSync } from 'node:zlib';

export type InboundMediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface SampleFile {
  readonly bytes: Buffer;
  readonly mimeType: string;
  readonly filename?: string;
}

/**
 * Small real files for customer media sent without bytes of their own, so the media id in the
 * webhook can be downloaded and opened: a 1×1 PNG, a one-page PDF, a WebP sticker, an Ogg Opus
 * voice note of one silent frame, and an MP4 header. Their MIME types are the ones WhatsApp uses.
 */
export function sampleFile(kind: InboundMediaKind, options: { voice?: boolean } = {}): SampleFile {
  switch (kind) {
    case 'image':
      return { bytes: onePixelPng(), mimeType: 'image/png' };
    case 'sticker':
      // The smallest lossless WebP (1×1), a well-known fixture.
      return {
        bytes: Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'),
        mimeType: 'image/webp',
      };
    case 'audio':
      return {
        bytes: silentOggOpus(),
        mimeType: options.voice === false ? 'audio/ogg' : 'audio/ogg; codecs=opus',
      };
    case 'video':
      return { bytes: mp4Header(), mimeType: 'video/mp4' };
    case 'document':
      return { bytes: onePagePdf(), mimeType: 'application/pdf', filename: 'sample.pdf' };
  }
}

function onePixelPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, as the media limits require
  const pixel = deflateSync(Buffer.from([0, 0x25, 0xd3, 0x66])); // filter byte + one green pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixel),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function onePagePdf(): Buffer {
  const content = 'BT /F1 18 Tf 20 45 Td (Sample document) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function mp4Header(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isommp41', 16, 'latin1');
  return ftyp;
}

function silentOggOpus(): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // mono, as WhatsApp voice notes are
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48_000, 12);
  const vendor = Buffer.from('switchboard-emulator', 'latin1');
  const tags = Buffer.alloc(16 + vendor.length);
  tags.write('OpusTags', 0, 'latin1');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  const silentFrame = Buffer.from([0xf8, 0xff, 0xfe]); // one 20 ms CELT frame of silence
  return Buffer.concat([
    oggPage(head, { flags: 0x02, sequence: 0, granule: 0n }),
    oggPage(tags, { flags: 0x00, sequence: 1, granule: 0n }),
    oggPage(silentFrame, { flags: 0x04, sequence: 2, granule: 960n + 312n }),
  ]);
}

function oggPage(packet: Buffer, o: { flags: number; sequence: number; granule: bigint }): Buffer {
  const header = Buffer.alloc(28);
  header.write('OggS', 0, 'latin1');
  header.writeUInt8(o.flags, 5);
  header.writeBigUInt64LE(o.granule, 6);
  header.writeUInt32LE(0x5b0a2d01, 14); // stream serial number
  header.writeUInt32LE(o.sequence, 18);
  header.writeUInt8(1, 26); // one segment: every packet here is shorter than 255 bytes
  header.writeUInt8(packet.length, 27);
  const page = Buffer.concat([header, packet]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0 (unlike zlib's). */
function oggCrc(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}
