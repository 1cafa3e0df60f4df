-- Applies one facts message (StreamActivityRecorded) atomically: the counters of every month × territory it touches
-- whose month is not final, the facts ignored per final month, the source partition's progress, the stats and the
-- batch marker. Layout: EngagementLayout.cs; when a month is final: MonthFinality.cs (IsFinal, judged alike here).
-- KEYS: 1 batch marker, 2 state hash, 3 open months hash, 4 final months hash, 5 reopened months hash, 6 late facts
--   hash, 7 progress hash, then per group (month × territory) g: prime hash, offers hash, customers hash, the month's
--   territories set; last the season titles hash.
-- ARGV: 1 marker TTL (s), 2 the newest month the wall clock alone makes final (final_through where there is none yet),
--   3 source partition ('' for none), 4 the time it has caught up to (Unix ms, '' for none), 5 group count, then per
--   group: month, territory, deadline (Unix ms, end plus grace: what the open hash shows), fact count,
--   customer count, (customer field, unit, delta) * count, prime count, (unit, watched ms delta) * count,
--   offer count, (field, delta) * count; then season count, (season id, title id) * count: the title a season's
--   facts named, kept from the first message that named one (HSETNX), final month or not.
-- A prime field is the unit, its value "{distinct customers} {watched ms}" (numbers stay exact below 2^53).
-- Months are compared as yyyy-MM strings, which sort as the months do.
-- Returns {0} when the batch was applied before, else {1, facts applied, (month, facts ignored) * final months hit}.

local function add(key, field, by)
  local value = redis.call('HINCRBY', key, field, by)
  if value == 0 then
    redis.call('HDEL', key, field)
  end
  return value
end

local function addPrime(key, unit, customers, watched)
  local value = redis.call('HGET', key, unit)
  if value then
    local space = string.find(value, ' ', 1, true)
    customers = customers + tonumber(string.sub(value, 1, space - 1))
    watched = watched + tonumber(string.sub(value, space + 1))
  end
  if customers == 0 and watched == 0 then
    redis.call('HDEL', key, unit)
  else
    redis.call('HSET', key, unit, string.format('%d %d', customers, watched))
  end
end

if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'duplicates', 1)
  return {0}
end

local finalThrough = redis.call('HGET', KEYS[2], 'final_through')
if not finalThrough then
  finalThrough = ARGV[2]
  redis.call('HSET', KEYS[2], 'final_through', finalThrough)
end

-- Reopened by an operator: counts. Closed: final. Open (facts, waiting for its close): counts. Else final_through decides.
local function isFinal(month)
  if redis.call('HEXISTS', KEYS[5], month) == 1 then
    return false, true
  end
  if redis.call('HEXISTS', KEYS[4], month) == 1 then
    return true, false
  end
  return redis.call('HEXISTS', KEYS[3], month) == 0 and month <= finalThrough, false
end

local applied, ignored, ignoredMonths = 0, {}, {}
local pos = 6
for g = 1, tonumber(ARGV[5]) do
  local prime, offers, customers, territories = KEYS[4 * g + 4], KEYS[4 * g + 5], KEYS[4 * g + 6], KEYS[4 * g + 7]
  local month, territory, facts = ARGV[pos], ARGV[pos + 1], tonumber(ARGV[pos + 3])
  local final, reopened = isFinal(month)
  if not final then
    if not reopened then
      redis.call('HSET', KEYS[3], month, ARGV[pos + 2])
    end
    redis.call('SADD', territories, territory)
  end
  pos = pos + 4

  -- A customer counts while their net prime streams of the unit are positive: distinct moves on crossings only.
  local distinct, watched = {}, {}
  local count = tonumber(ARGV[pos])
  pos = pos + 1
  for _ = 1, count do
    if not final then
      local unit, delta = ARGV[pos + 1], tonumber(ARGV[pos + 2])
      local after = add(customers, ARGV[pos], delta)
      local before = after - delta
      if before <= 0 and after > 0 then
        distinct[unit] = (distinct[unit] or 0) + 1
      elseif before > 0 and after <= 0 then
        distinct[unit] = (distinct[unit] or 0) - 1
      end
    end
    pos = pos + 3
  end
  count = tonumber(ARGV[pos])
  pos = pos + 1
  for _ = 1, count do
    watched[ARGV[pos]] = tonumber(ARGV[pos + 1])
    pos = pos + 2
  end
  if not final then
    for unit, delta in pairs(watched) do
      addPrime(prime, unit, distinct[unit] or 0, delta)
      distinct[unit] = nil
    end
    for unit, delta in pairs(distinct) do
      if delta ~= 0 then
        addPrime(prime, unit, delta, 0)
      end
    end
  end

  count = tonumber(ARGV[pos])
  pos = pos + 1
  for _ = 1, count do
    if not final then
      add(offers, ARGV[pos], ARGV[pos + 1])
    end
    pos = pos + 2
  end

  if final then
    if not ignored[month] then
      ignoredMonths[#ignoredMonths + 1] = month
      ignored[month] = 0
    end
    ignored[month] = ignored[month] + facts
  else
    applied = applied + facts
  end
end

local seasons = KEYS[#KEYS]
for _ = 1, tonumber(ARGV[pos]) do
  redis.call('HSETNX', seasons, ARGV[pos + 1], ARGV[pos + 2])
  pos = pos + 2
end

if ARGV[3] ~= '' and ARGV[4] ~= '' then
  local reached = tonumber(redis.call('HGET', KEYS[7], ARGV[3]))
  if reached == nil or tonumber(ARGV[4]) > reached then
    redis.call('HSET', KEYS[7], ARGV[3], ARGV[4])
  end
end

local result = {1, applied}
local ignoredAll = 0
for _, month in ipairs(ignoredMonths) do
  redis.call('HINCRBY', KEYS[6], month, ignored[month])
  ignoredAll = ignoredAll + ignored[month]
  result[#result + 1] = month
  result[#result + 1] = ignored[month]
end

redis.call('HINCRBY', KEYS[2], 'messages', 1)
if applied > 0 then
  redis.call('HINCRBY', KEYS[2], 'facts_applied', applied)
end
if ignoredAll > 0 then
  redis.call('HINCRBY', KEYS[2], 'facts_ignored_final', ignoredAll)
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
return result
