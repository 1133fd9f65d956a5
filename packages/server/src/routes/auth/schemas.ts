import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '@waymark/core';
import { EMAIL_PATTERN, MAX_NAME_LENGTH, MIN_PASSWORD_LENGTH } from '../../members/member-service.ts';

export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: EMAIL_PATTERN, description: 'Compared without regard to case.' });
/** An upper bound, so a body cannot make the hash work on megabytes. */
const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)), { description: 'viewer reads; editor also changes maps, cohorts and comments; owner also manages keys and members.' });

export const MemberSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String({ description: 'May be empty; the email stands in for it.' }),
    role: RoleSchema,
    mustChangePassword: Type.Boolean({ description: 'The member has a one-time password: only me, password and logout answer until they change it.' }),
    createdAt: Type.String({ format: 'date-time' }),
    disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Member' },
);

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const PasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type PasswordBody = Static<typeof PasswordBody>;

export const SessionSchema = Type.Object(
  {
    member: Type.Ref(MemberSchema),
    projects: Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), timeZone: Type.String() })),
  },
  { $id: 'Session' },
);

export const CreateMemberBody = Type.Object(
  { email: Email, name: Type.Optional(Type.String({ maxLength: MAX_NAME_LENGTH })), role: RoleSchema },
  { additionalProperties: false },
);
export type CreateMemberBody = Static<typeof CreateMemberBody>;

export const UpdateMemberBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: MAX_NAME_LENGTH })),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean({ description: 'A disabled member cannot sign in; their sessions end at once.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMemberBody = Static<typeof UpdateMemberBody>;

export const MemberParams = Type.Object({ id: Type.String({ minLength: 1 }) });

export const authSchemas = [MemberSchema, SessionSchema];
