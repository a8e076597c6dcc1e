import type { Metadata } from 'next';
import { CreateStaffForm } from '@/components/staff/create-staff-form';
import { StaffTable } from '@/components/staff/staff-table';
import { requirePageRole } from '@/lib/auth/guards';
import { STAFF_ROLES } from '@/lib/auth/roles';
import { listStaff } from '@/lib/staff/list-staff';
import { PASSWORD_MIN_LENGTH } from '@/lib/staff/password';
import { changeStaffRoleAction, createStaffAction, disableStaffAction, enableStaffAction } from './actions';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffAdminPage() {
  const admin = await requirePageRole('admin', '/console/admin/staff');
  const staff = await listStaff();

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Staff</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Who can sign in to the console, and with which role. Every change here is recorded in the audit log.
        </p>
      </div>
      <StaffTable
        staff={staff}
        selfId={admin.id}
        roles={STAFF_ROLES}
        actions={{ disable: disableStaffAction, enable: enableStaffAction, changeRole: changeStaffRoleAction }}
      />
      <CreateStaffForm roles={STAFF_ROLES} passwordMinLength={PASSWORD_MIN_LENGTH} create={createStaffAction} />
    </div>
  );
}
