-- Applies everything one batch of one partition changes, atomically, or nothing (PartitionCommit.cs builds the call).
-- All keys carry the partition's hash tag, so the script runs on Redis Cluster as well.
-- KEYS, in order: the fence (when guarded), the messages' markers, the timeline hashes, the counter hashes, the
-- field-set hashes, the sorted sets.
-- ARGV, in sections:
--   fence:     fenceCount (0 or 1), then the writer's token: the commit is refused unless the fence still holds it
--   markers:   markerCount, markerTtl
--   timelines: timelineCount, stateTtl, then per timeline: flags (ttl mode in the low two bits: 0 leave, 1 expire after
--              stateTtl, 2 never expire; + 4: the key must exist, refused otherwise), setCount, (field, value) * setCount,
--              delCount, field * delCount
--   counters:  hashCount, then per hash: flags (+1: a field back at 0 is removed; +2: ephemeral), expireSeconds (0:
--              none), incrCount, (field, increment) * incrCount
--   fields:    fieldCount, then per hash: field, value (HSET; one field per key, e.g. an outbox entry)
--   sorted:    setCount, then per set: ephemeral (0 or 1), dropAtOrBelow ('' for none), expireSeconds, addCount,
--              (score, member) * addCount,
--              remCount, member * remCount; a set that gets members also loses those scored at or below dropAtOrBelow
--              and has its expiry renewed (only additions make it grow)
-- An ephemeral hash's or set's writes go to the replicas but not to the append-only file (PartitionCommit.cs says why).
-- Returns 1 applied, 0 when a message's marker exists (applied before), -1 when the fence moved (another writer took
-- the partition) or a timeline that must exist is gone (expired): the writer's cached timelines are then stale.
local function chunked(command, key, first, last)
  local size = 500 -- stay well under Lua's unpack limit
  local i = first
  while i <= last do
    local j = math.min(i + size - 1, last)
    redis.call(command, key, unpack(ARGV, i, j))
    i = j + 1
  end
end

-- Runs command over the count * width arguments after the count at ARGV[pos]; returns the position after them.
local function each(command, key, pos, width)
  local count = tonumber(ARGV[pos])
  if count > 0 then
    chunked(command, key, pos + 1, pos + count * width)
  end
  return pos + 1 + count * width
end

local fenceCount = tonumber(ARGV[1])
if fenceCount == 1 and redis.call('GET', KEYS[1]) ~= ARGV[2] then
  return -1
end
local a = 2 + fenceCount -- the markers' section

local markerCount = tonumber(ARGV[a])
for m = 1, markerCount do
  if redis.call('EXISTS', KEYS[fenceCount + m]) == 1 then
    return 0
  end
end

local timelineCount = tonumber(ARGV[a + 2])
local stateTtl = tonumber(ARGV[a + 3])
local firstTimeline = fenceCount + markerCount + 1
local first = a + 4
local pos = first
for i = 1, timelineCount do
  if tonumber(ARGV[pos]) >= 4 and redis.call('EXISTS', KEYS[firstTimeline + i - 1]) == 0 then
    return -1
  end
  local setCount = tonumber(ARGV[pos + 1])
  pos = pos + 2 + 2 * setCount
  local delCount = tonumber(ARGV[pos])
  pos = pos + 1 + delCount
end

pos = first
for i = 1, timelineCount do
  local key = KEYS[firstTimeline + i - 1]
  local ttlMode = tonumber(ARGV[pos]) % 4
  pos = each('HSET', key, pos + 1, 2)
  pos = each('HDEL', key, pos, 1)
  if ttlMode == 1 then
    redis.call('EXPIRE', key, stateTtl)
  elseif ttlMode == 2 then
    redis.call('PERSIST', key)
  end
end

-- From here on a write goes to the append-only file unless its hash or set is marked ephemeral; the markers always do.
local function logged(ephemeral)
  if ephemeral then
    redis.set_repl(redis.REPL_REPLICA)
  else
    redis.set_repl(redis.REPL_ALL)
  end
end

local k = firstTimeline + timelineCount
local hashCount = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, hashCount do
  local key = KEYS[k]
  local flags = tonumber(ARGV[pos])
  local deleteAtZero = flags % 2 == 1
  logged(flags >= 2)
  local expireSeconds = tonumber(ARGV[pos + 1])
  local incrCount = tonumber(ARGV[pos + 2])
  pos = pos + 3
  for _ = 1, incrCount do
    if redis.call('HINCRBY', key, ARGV[pos], ARGV[pos + 1]) == 0 and deleteAtZero then
      redis.call('HDEL', key, ARGV[pos])
    end
    pos = pos + 2
  end
  if expireSeconds > 0 and incrCount > 0 then
    redis.call('EXPIRE', key, expireSeconds)
  end
  k = k + 1
end
logged(false)

local fieldCount = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, fieldCount do
  redis.call('HSET', KEYS[k], ARGV[pos], ARGV[pos + 1])
  pos = pos + 2
  k = k + 1
end

local sortedCount = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, sortedCount do
  local key = KEYS[k]
  logged(ARGV[pos] == '1')
  local dropAtOrBelow = ARGV[pos + 1]
  local expireSeconds = ARGV[pos + 2]
  local added = tonumber(ARGV[pos + 3]) > 0
  pos = each('ZADD', key, pos + 3, 2)
  if added then
    if dropAtOrBelow ~= '' then
      redis.call('ZREMRANGEBYSCORE', key, '-inf', dropAtOrBelow)
    end
    redis.call('EXPIRE', key, expireSeconds)
  end
  pos = each('ZREM', key, pos, 1)
  k = k + 1
end
logged(false)

local markerTtl = tonumber(ARGV[a + 1])
for m = 1, markerCount do
  redis.call('SET', KEYS[fenceCount + m], '1', 'EX', markerTtl)
end
return 1
