import Link from 'next/link';
import { OutsideText } from '@/components/ui/outside-text';

/** The case/account and basis/reason cells every holds table starts with. */
export function HoldIdentityCells({ hold }: { hold: { caseId: string; caseNumber: string; accountLabel: string; basisLabel: string; reasonLabel: string } }) {
  return (
    <>
      <td className="py-2 pr-3">
        <Link href={`/console/cases/${hold.caseId}`} className="underline">
          Case {hold.caseNumber}
        </Link>
        <br />
        <OutsideText text={hold.accountLabel} />
      </td>
      <td className="py-2 pr-3">
        <span className="font-semibold">{hold.basisLabel}</span>
        <br />
        {hold.reasonLabel}
      </td>
    </>
  );
}
