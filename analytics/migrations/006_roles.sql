-- 006: roles an admin assigns in the app, for identity providers that cannot send groups in the
-- ID token (analytics/access.py). `identity` is an e-mail address or an OIDC subject; `role` is
-- `admin`, `council` or `officer:<AGS>`. Every change is also recorded in core.audit.
CREATE TABLE core.role_assignments (
    identity VARCHAR NOT NULL, role VARCHAR NOT NULL,
    assigned_by VARCHAR NOT NULL, assigned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (identity, role)
);
