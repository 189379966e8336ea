import { z } from 'zod';
import { anyStaffProcedure, router, staffProcedure } from '@/server/api/trpc';
import * as users from '@/server/services/users/users';
import { ZUserBase, ZUserCreate, ZUserList, ZUserUpdate } from '@/server/services/users/users';
import { permissionsOf } from '@/lib/permissions';
import { ZMe, ZUserActive, ZUserBaseSaved, ZUserProfile, ZUserRow } from '@/server/services/users/answers';

const ZId = z.object({ id: z.uuid() });

export const usersRouter = router({
  /** The signed-in staff member and what the permission map lets them do (the UI shows or hides by this). */
  me: anyStaffProcedure.output(ZMe).query(({ ctx }) => ({ ...ctx.caller.actor, permissions: permissionsOf(ctx.caller.actor.role, ctx.caller.actor.companyId) })),
  list: staffProcedure('users.read').input(ZUserList).output(z.array(ZUserRow)).query(({ ctx, input }) => users.listUsers(ctx.caller, input)),
  /** One staff member's profile page. */
  get: staffProcedure('users.read').input(ZId).output(ZUserProfile).query(({ ctx, input }) => users.getUser(ctx.caller, input.id)),
  create: staffProcedure('users.manage').input(ZUserCreate).output(ZUserRow).mutation(({ ctx, input }) => users.createUser(ctx.caller, input)),
  update: staffProcedure('users.manage').input(ZUserUpdate).output(ZUserRow).mutation(({ ctx, input }) => users.updateUser(ctx.caller, input)),
  /** G6: a technician's base (address and coordinates), or null to remove it. */
  setBase: staffProcedure('users.manage').input(ZUserBase).output(ZUserBaseSaved).mutation(({ ctx, input }) => users.setUserBase(ctx.caller, input)),
  deactivate: staffProcedure('users.manage').input(ZId).output(ZUserActive).mutation(({ ctx, input }) => users.setUserActive(ctx.caller, input.id, false)),
  activate: staffProcedure('users.manage').input(ZId).output(ZUserActive).mutation(({ ctx, input }) => users.setUserActive(ctx.caller, input.id, true)),
});
