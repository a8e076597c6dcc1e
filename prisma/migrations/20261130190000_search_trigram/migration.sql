-- Partial, case-insensitive search (issue 11, requirement 8): ILIKE '%fragment%' on the account's
-- handle and platform account ID, the report reference and the platform's display name, each
-- through a trigram GIN index (lib/queue/search-cases.ts). pg_trgm is a trusted extension: the
-- database owner, who runs migrations, may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "reported_accounts_handle_trgm" ON "reported_accounts" USING GIN ("handle" gin_trgm_ops);
CREATE INDEX "reported_accounts_platform_account_id_trgm" ON "reported_accounts" USING GIN ("platform_account_id" gin_trgm_ops);
CREATE INDEX "reports_reference_trgm" ON "reports" USING GIN ("reference" gin_trgm_ops);

-- Hand-written (Prisma cannot express an index on an expression): the display name a platform
-- supplied lives in reports.platform_context, not in a column of its own. The search must use
-- exactly this expression for the index to apply.
CREATE INDEX "reports_display_name_trgm" ON "reports" USING GIN ((platform_context ->> 'displayName') gin_trgm_ops);
