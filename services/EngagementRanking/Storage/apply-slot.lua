-- A facts message's share of one month × territory slot ({eng:yyyy-MM:territory}): its counters, once (the slot's own
-- batch marker records what it did, so a redelivery reports the same). The facts count unless the slot is closed for
-- the generation they were registered in, or an operator's reset has started a newer one since: then they are late.
-- KEYS: 1 the slot's batch marker, 2 the slot's status hash, 3 prime hash, 4 offers hash, 5 customers hash.
-- ARGV: 1 marker TTL (s), 2 the month's generation the message's plan gave, 3 fact count, 4 customer count,
--   (customer field, unit, delta) * count, prime count, (unit, watched ms delta) * count, offer count,
--   (field, delta) * count.
-- A prime field is the unit, its value "{distinct customers} {watched ms}" (numbers stay exact below 2^53).
-- Counting sets the status hash's 'version' to this message's slot marker name, which no other message has: the
-- gateway keeps a ranked answer for as long as the version it was read with is the slot's.
-- Returns {1 (done now) or 0 (done before), 'applied' or 'late', facts}.

local done = redis.call('GET', KEYS[1])
if done then
  local space = string.find(done, ' ', 1, true)
  return {0, string.sub(done, 1, space - 1), tonumber(string.sub(done, space + 1))}
end

local gen, facts = tonumber(ARGV[2]), tonumber(ARGV[3])
local status = redis.call('HMGET', KEYS[2], 'gen', 'final')
local slotGen = tonumber(status[1]) or 0
if slotGen > gen or (slotGen == gen and status[2] == '1') then
  redis.call('SET', KEYS[1], 'late ' .. facts, 'EX', tonumber(ARGV[1]))
  return {1, 'late', facts}
end
if slotGen < gen then
  redis.call('HSET', KEYS[2], 'gen', gen, 'final', 0)
end

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

-- A customer counts while their net prime streams of the unit are positive: distinct moves on crossings only.
local distinct, watched = {}, {}
local pos = 4
local count = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, count do
  local unit, delta = ARGV[pos + 1], tonumber(ARGV[pos + 2])
  local after = add(KEYS[5], ARGV[pos], delta)
  local before = after - delta
  if before <= 0 and after > 0 then
    distinct[unit] = (distinct[unit] or 0) + 1
  elseif before > 0 and after <= 0 then
    distinct[unit] = (distinct[unit] or 0) - 1
  end
  pos = pos + 3
end
count = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, count do
  watched[ARGV[pos]] = tonumber(ARGV[pos + 1])
  pos = pos + 2
end
for unit, delta in pairs(watched) do
  addPrime(KEYS[3], unit, distinct[unit] or 0, delta)
  distinct[unit] = nil
end
for unit, delta in pairs(distinct) do
  if delta ~= 0 then
    addPrime(KEYS[3], unit, delta, 0)
  end
end

count = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, count do
  add(KEYS[4], ARGV[pos], ARGV[pos + 1])
  pos = pos + 2
end

redis.call('HSET', KEYS[2], 'version', KEYS[1])
redis.call('SET', KEYS[1], 'applied ' .. facts, 'EX', tonumber(ARGV[1]))
return {1, 'applied', facts}
