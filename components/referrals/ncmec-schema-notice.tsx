type Props = { notice: { problem: string; why: string; getIt: string; putIt: string } };

/** The referral panel's fix for a missing NCMEC schema: what is wrong, where to get the file, where to put it. */
export function NcmecSchemaNotice({ notice }: Props) {
  return (
    <section role="alert" aria-labelledby="ncmec-schema-missing" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-slate-900">
      <h2 id="ncmec-schema-missing" className="font-semibold">NCMEC&apos;s CyberTipline schema is missing</h2>
      <p>{notice.problem} {notice.why}</p>
      <ul className="list-disc pl-5">
        <li>{notice.getIt}</li>
        <li>{notice.putIt}</li>
      </ul>
    </section>
  );
}
