'use server';

import { staffAction } from '@/lib/auth/action';
import { newRequestId } from '@/lib/http/respond';
import { changeStaffRole } from '@/lib/staff/change-staff-role';
import { createStaff } from '@/lib/staff/create-staff';
import { disableStaff } from '@/lib/staff/disable-staff';
import { enableStaff } from '@/lib/staff/enable-staff';
import { ZChangeStaffRoleInput, ZCreateStaffInput, ZStaffIdInput } from '@/lib/staff/schema';

// Admin staff management. Every export is a public endpoint: each is wrapped in staffAction('admin').

export const createStaffAction = staffAction('admin', ZCreateStaffInput, async (input, staff) => {
  const created = await createStaff(input, { actor: { type: 'staff', id: staff.id }, requestId: newRequestId() });
  return { id: created.id, email: created.email };
});

export const disableStaffAction = staffAction('admin', ZStaffIdInput, (input, staff) =>
  disableStaff(input, { actor: staff, requestId: newRequestId() }),
);

export const enableStaffAction = staffAction('admin', ZStaffIdInput, async (input, staff) => {
  await enableStaff(input, { actor: staff, requestId: newRequestId() });
  return null;
});

export const changeStaffRoleAction = staffAction('admin', ZChangeStaffRoleInput, (input, staff) =>
  changeStaffRole(input, { actor: staff, requestId: newRequestId() }),
);
