'use server';

import { staffAction } from '@/lib/auth/action';
import { respondToNetwork } from '@/lib/networks/respond-to-network';
import { ZNetworkResponseInput } from '@/lib/networks/schema';

// A public endpoint like every 'use server' export: wrapped (schema, supervisor role, error
// mapping); respondToNetwork re-checks the role and each case's version and status per account.

export const respondToNetworkAction = staffAction('supervisor', ZNetworkResponseInput, async (input, staff) => respondToNetwork({ input, actor: staff }));
