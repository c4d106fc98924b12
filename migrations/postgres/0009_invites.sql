-- Invitations to a business's team. Nothing is granted until the invitee accepts with the code
-- (and, for an account that exists already, its own password); only the code's hash is stored.
CREATE TABLE invites (
    id          BIGSERIAL PRIMARY KEY,
    business_id BIGINT  NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    email       TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    code_hash   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    accepted_at BIGINT
);
CREATE INDEX invites_email ON invites(email);
CREATE INDEX invites_business ON invites(business_id);
