-- CreateTable
-- Hand-written UNLOGGED: rate-limit counters shared by every web node. Losing them in a crash only
-- resets the current minute's limits, and an unlogged write needs no WAL flush at commit, so the
-- counters cost intake almost nothing (decision 0020).
CREATE UNLOGGED TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);
