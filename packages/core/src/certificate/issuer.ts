/**
 * Who issues this installation's certificates, as printed at the head of each one and in its
 * signature block. There are no tenants yet, so it is an installation setting read from the
 * environment; when a tenant (province or ministry) carries its own, it replaces this one
 * function. Each certificate keeps the issuer it was issued under, so a later change of
 * settings (a new director) never rewrites one already given out.
 */
export type Issuer = {
  /** The body the issuer answers to, printed above it: "UBND TỈNH MINH SƠN"; none when empty. */
  parent: string;
  /** "SỞ NỘI VỤ" */
  name: string;
  /** The place in the dated line above the signature: "Minh Sơn, ngày … tháng … năm …". */
  place: string;
  /** "GIÁM ĐỐC", or "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" on two lines. */
  signerTitle: string;
  signerName: string;
};

/**
 * The demo province's (content/demo/province.yaml) Sở Nội vụ: what `npm start` and the tests
 * print. A real installation sets every ISSUER_* variable (docs/deploy.md).
 */
const demoIssuer: Issuer = {
  parent: 'UBND TỈNH MINH SƠN',
  name: 'SỞ NỘI VỤ',
  place: 'Minh Sơn',
  signerTitle: 'GIÁM ĐỐC',
  signerName: 'Nguyễn Thị Minh Hằng',
};

/**
 * The issuer new certificates are given now; `\n` in a setting breaks the printed line. Each
 * variable is named in full so the infra test finds every setting core reads.
 */
export function installationIssuer(): Issuer {
  const lines = (value: string | undefined, fallback: string) => (value ?? fallback).replace(/\\n/g, '\n');
  return {
    parent: lines(process.env.ISSUER_PARENT, demoIssuer.parent),
    name: lines(process.env.ISSUER_NAME, demoIssuer.name),
    place: lines(process.env.ISSUER_PLACE, demoIssuer.place),
    signerTitle: lines(process.env.ISSUER_SIGNER_TITLE, demoIssuer.signerTitle),
    signerName: lines(process.env.ISSUER_SIGNER_NAME, demoIssuer.signerName),
  };
}

/** Who issued a certificate: as recorded, or for one issued before that was recorded, today's issuer. */
export const issuerOf = (certificate: { issuer?: Issuer }): Issuer => certificate.issuer ?? installationIssuer();
