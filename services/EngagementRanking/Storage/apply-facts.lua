-- Applies one facts message (StreamActivityRecorded) atomically: the counters of every month × territory it touches,
-- the watermark, the months that become final, the stats and the batch marker. Layout: EngagementLayout.cs.
-- KEYS: 1 batch marker, 2 state hash, 3 open months hash, 4 final months hash, 5 closed months set,
--   then per group (month × territory) g: prime hash, offers hash, customers hash, the month's territories set.
-- ARGV: 1 marker TTL (s), 2 allowed lateness (ms), 3 newest fact hour (Unix ms, '' for none), 4 group count, then per
--   group: month, territory, closesAt (watermark from which the month is final), fact count,
--   customer count, (customer field, unit, delta) * count, prime count, (unit, watched ms delta) * count,
--   offer count, (field, delta) * count.
-- A prime field is the unit, its value "{distinct customers} {watched ms}" (numbers stay exact below 2^53).
-- A group is judged against the watermark from before this message: facts of one message arrive together.
-- Returns {0} when the batch was applied before, else {1, facts applied, facts ignored, watermark or -1, months closed...}.

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

local watermarkText = redis.call('HGET', KEYS[2], 'watermark')
local watermark = tonumber(watermarkText)
redis.call('HSET', KEYS[2], 'lateness_ms', ARGV[2])

local applied, ignored = 0, 0
local pos = 5
for g = 1, tonumber(ARGV[4]) do
  local prime, offers, customers, territories = KEYS[4 * g + 2], KEYS[4 * g + 3], KEYS[4 * g + 4], KEYS[4 * g + 5]
  local month, territory, closesAt, facts = ARGV[pos], ARGV[pos + 1], tonumber(ARGV[pos + 2]), tonumber(ARGV[pos + 3])
  local final = redis.call('HEXISTS', KEYS[4], month) == 1 or (watermark ~= nil and watermark >= closesAt)
  if not final then
    redis.call('HSET', KEYS[3], month, ARGV[pos + 2])
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
    ignored = ignored + facts
  else
    applied = applied + facts
  end
end

if ARGV[3] ~= '' and (watermark == nil or tonumber(ARGV[3]) > watermark) then
  watermarkText, watermark = ARGV[3], tonumber(ARGV[3])
  redis.call('HSET', KEYS[2], 'watermark', watermarkText)
end

local result = {1, applied, ignored, watermark or -1}
if watermark ~= nil then
  local open = redis.call('HGETALL', KEYS[3])
  for i = 1, #open, 2 do
    if watermark >= tonumber(open[i + 1]) then
      redis.call('HDEL', KEYS[3], open[i])
      redis.call('HSET', KEYS[4], open[i], watermarkText)
      redis.call('SADD', KEYS[5], open[i])
      result[#result + 1] = open[i]
    end
  end
end

redis.call('HINCRBY', KEYS[2], 'messages', 1)
if applied > 0 then
  redis.call('HINCRBY', KEYS[2], 'facts_applied', applied)
end
if ignored > 0 then
  redis.call('HINCRBY', KEYS[2], 'facts_ignored_final', ignored)
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
return result
