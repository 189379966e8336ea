import { z } from 'zod';
import { anyStaffProcedure, router } from '@/server/api/trpc';
import * as prefs from '@/server/services/preferences/preferences';
import { ZFilterList, ZFilterSave, ZSettingGet, ZSettingSet } from '@/server/services/preferences/preferences';

/** The caller's own view choices; every staff member has their own, no permission beyond signing in. */
export const preferencesRouter = router({
  get: anyStaffProcedure.input(ZSettingGet).query(({ ctx, input }) => prefs.getSetting(ctx.caller, input.key)),
  set: anyStaffProcedure.input(ZSettingSet).mutation(({ ctx, input }) => prefs.setSetting(ctx.caller, input.key, input.value)),
  filters: anyStaffProcedure.input(ZFilterList).query(({ ctx, input }) => prefs.listFilters(ctx.caller, input.scope)),
  saveFilter: anyStaffProcedure.input(ZFilterSave).mutation(({ ctx, input }) => prefs.saveFilter(ctx.caller, input)),
  removeFilter: anyStaffProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => prefs.removeFilter(ctx.caller, input.id)),
});
