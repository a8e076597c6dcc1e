import QRCode from 'qrcode';

/**
 * The otpauth URI as a QR code, drawn here as SVG and handed to the page as a data: URL (the CSP
 * allows data: images): no third-party QR service ever sees a secret.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
