import { z } from 'zod';
import { anyStaffProcedure, router } from '@/server/api/trpc';
import * as prefs from '@/server/services/preferences/preferences';
import { ZFilterList, ZFilterSave, ZSavedFilter, ZSettingGet, ZSettingSet, ZSettingValue } from '@/server/services/preferences/preferences';

/** The caller's own view choices; every staff member has their own, no permission beyond signing in. */
export const preferencesRouter = router({
  get: anyStaffProcedure.input(ZSettingGet).output(ZSettingValue).query(({ ctx, input }) => prefs.getSetting(ctx.caller, input.key)),
  set: anyStaffProcedure.input(ZSettingSet).output(ZSettingValue).mutation(({ ctx, input }) => prefs.setSetting(ctx.caller, input.key, input.value)),
  filters: anyStaffProcedure.input(ZFilterList).output(z.array(ZSavedFilter)).query(({ ctx, input }) => prefs.listFilters(ctx.caller, input.scope)),
  saveFilter: anyStaffProcedure.input(ZFilterSave).output(ZSavedFilter).mutation(({ ctx, input }) => prefs.saveFilter(ctx.caller, input)),
  removeFilter: anyStaffProcedure.input(z.object({ id: z.uuid() })).output(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => prefs.removeFilter(ctx.caller, input.id)),
});
