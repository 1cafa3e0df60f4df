-- Reopens a month for an import (docs/operations.md, "Month finality"): its facts count, and it stays open until an
-- operator closes it, whatever its state was (an open month no longer closes by itself). A final month with counters
-- is refused unless they are to be reset: its customer detail was deleted at its close, so a customer counted before
-- would count twice. Reopening a month whose close was asked for withdraws that.
-- KEYS: 1 state hash, 2 open months hash, 3 final months hash, 4 reopened months hash, 5 closed months set, 6 the
--   month's territories set, then, for a reset, the month's prime, offers and customers hashes of every territory.
-- ARGV: 1 month, 2 the newest month the wall clock alone makes final (final_through where there is none yet), 3 '1' to
--   delete the month's counters first.
-- Returns 'reopened', or 'counted' (final with counters, and no reset asked for).

local month = ARGV[1]
local finalThrough = redis.call('HGET', KEYS[1], 'final_through')
if not finalThrough then
  finalThrough = ARGV[2]
  redis.call('HSET', KEYS[1], 'final_through', finalThrough)
end
local final = redis.call('HEXISTS', KEYS[3], month) == 1 or
  (redis.call('HEXISTS', KEYS[2], month) == 0 and redis.call('HEXISTS', KEYS[4], month) == 0 and month <= finalThrough)

if ARGV[3] == '1' then
  for i = 6, #KEYS do
    redis.call('UNLINK', KEYS[i])
  end
elseif final and redis.call('EXISTS', KEYS[6]) == 1 then
  return 'counted'
end

redis.call('HDEL', KEYS[2], month)
redis.call('HDEL', KEYS[3], month)
redis.call('SREM', KEYS[5], month)
redis.call('HSET', KEYS[4], month, 0)
return 'reopened'
