import { z } from 'zod';
import { anyStaffProcedure, router } from '@/server/api/trpc';
import { myExports, ZMyExport } from '@/server/services/exports/background';

/** C15: "Mis exportaciones" — the caller's own background exports; nobody sees another's. */
export const exportsRouter = router({
  mine: anyStaffProcedure.output(z.array(ZMyExport)).query(({ ctx }) => myExports(ctx.caller)),
});
