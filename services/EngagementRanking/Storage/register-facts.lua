-- A facts message's first step, in the control slot {eng}: decides per month whether its facts count (MonthFinality.cs,
-- TakesFacts, judged alike here) and registers the message's territories of the months that take them, so a close
-- that starts later reaches their slots. The decision is kept in the message's plan, so a redelivery after a partial
-- apply decides the same (a month that closed meanwhile is then turned away by its closed slots, not here).
-- KEYS: 1 batch marker, 2 plan hash, 3 state hash, 4 open months hash, 5 final months hash, 6 reopened months hash,
--   7 closing months hash, 8 generations hash, then per month m of the message: the month's territories set.
-- ARGV: 1 marker TTL (s), 2 the newest month the wall clock alone makes final (final_through where there is none yet),
--   3 month count, then per month: month, deadline (Unix ms, end plus grace: what the open hash shows), territory
--   count, territories.
-- Returns {0} when the message was applied before (a duplicate), else {1 (decided now) or 2 (the plan of an earlier
-- delivery), (month, 'late' or the generation its slots count for) * months}.

if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HINCRBY', KEYS[3], 'duplicates', 1)
  return {0}
end

local planned = redis.call('HGETALL', KEYS[2])
if #planned > 0 then
  local result = {2}
  for i = 1, #planned do
    result[#result + 1] = planned[i]
  end
  return result
end

local finalThrough = redis.call('HGET', KEYS[3], 'final_through')
if not finalThrough then
  finalThrough = ARGV[2]
  redis.call('HSET', KEYS[3], 'final_through', finalThrough)
end

-- Closing (its close or a reset is going through its slots): late. Reopened: counts. Closed: late. Open: counts.
-- Else final_through decides.
local function takesFacts(month)
  if redis.call('HEXISTS', KEYS[7], month) == 1 then
    return false, false
  end
  if redis.call('HEXISTS', KEYS[6], month) == 1 then
    return true, true
  end
  if redis.call('HEXISTS', KEYS[5], month) == 1 then
    return false, false
  end
  return redis.call('HEXISTS', KEYS[4], month) == 1 or month > finalThrough, false
end

local result = {1}
local pos = 4
for m = 1, tonumber(ARGV[3]) do
  local month, deadline, count = ARGV[pos], ARGV[pos + 1], tonumber(ARGV[pos + 2])
  local takes, reopened = takesFacts(month)
  local decision = 'late'
  if takes then
    if not reopened then
      redis.call('HSET', KEYS[4], month, deadline)
    end
    for t = 1, count do
      redis.call('SADD', KEYS[8 + m], ARGV[pos + 2 + t])
    end
    decision = redis.call('HGET', KEYS[8], month) or '0'
  end
  redis.call('HSET', KEYS[2], month, decision)
  result[#result + 1] = month
  result[#result + 1] = decision
  pos = pos + 3 + count
end
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[1]))
return result
