-- Reopens a month for an import (docs/operations.md, "Month finality"): its facts count, and it stays open until an
-- operator closes it, whatever its state was (an open month no longer closes by itself). A final (or closing) month
-- with counters is refused unless they are to be reset: its customer detail was deleted at its close, so a customer
-- counted before would count twice. Reopening a month whose close was asked for withdraws that.
-- A reset goes through the month's slots: this starts it (the month's facts are late meanwhile, and a new generation
-- turns away any fact registered before it), MonthStore resets each slot (reset-slot.lua), finish-reopen.lua ends it.
-- KEYS: 1 state hash, 2 open months hash, 3 final months hash, 4 reopened months hash, 5 closed months set, 6 the
--   month's territories set, 7 closing months hash, 8 generations hash.
-- ARGV: 1 month, 2 the newest month the wall clock alone makes final (final_through where there is none yet), 3 '1' to
--   delete the month's counters first.
-- Returns {'reopened'}, {'counted'} (final with counters, and no reset asked for) or {'reset', generation,
-- territories...} (the slots to reset, then finish-reopen.lua).

local month = ARGV[1]
local finalThrough = redis.call('HGET', KEYS[1], 'final_through')
if not finalThrough then
  finalThrough = ARGV[2]
  redis.call('HSET', KEYS[1], 'final_through', finalThrough)
end
local final = redis.call('HEXISTS', KEYS[7], month) == 1 or redis.call('HEXISTS', KEYS[3], month) == 1 or
  (redis.call('HEXISTS', KEYS[2], month) == 0 and redis.call('HEXISTS', KEYS[4], month) == 0 and month <= finalThrough)

if ARGV[3] == '1' then
  redis.call('HDEL', KEYS[2], month)
  redis.call('HDEL', KEYS[3], month)
  redis.call('HDEL', KEYS[4], month)
  redis.call('SREM', KEYS[5], month)
  redis.call('HSET', KEYS[7], month, 'reset')
  local result = {'reset', redis.call('HINCRBY', KEYS[8], month, 1)}
  for _, territory in ipairs(redis.call('SMEMBERS', KEYS[6])) do
    result[#result + 1] = territory
  end
  return result
elseif final and redis.call('EXISTS', KEYS[6]) == 1 then
  return {'counted'}
end

redis.call('HDEL', KEYS[2], month)
redis.call('HDEL', KEYS[3], month)
redis.call('HDEL', KEYS[7], month)
redis.call('SREM', KEYS[5], month)
redis.call('HSET', KEYS[4], month, 0)
return {'reopened'}
