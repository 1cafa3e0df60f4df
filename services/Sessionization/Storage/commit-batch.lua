-- Applies the messages of one partition batch atomically: timelines, counters, stats, outbox and the markers.
-- KEYS: the messages' markers (markerCount of them), the stats hash, the outbox hash, the timeline keys, the counter hashes,
-- then the live view's keys.
-- ARGV: markerCount, markerTtl, stateTtl, batchId, factsPayload ('' for none), timelineCount, then per timeline:
--   expectedVersion, refreshTtl (1 or 0), setCount, (field, value) * setCount (the new version 'v' among them), delCount, field * delCount;
-- then counterCount, per counter hash: incrCount, (field, increment) * incrCount; then statCount, (field, increment) * statCount;
-- then the live section (see below; its KEYS follow the counter hashes).
-- Returns 1 applied, 0 when a message's marker exists (applied already), -i when timeline i (1-based) changed since it was read.
local function chunked(command, key, first, last)
  local size = 500 -- stay well under Lua's unpack limit
  local i = first
  while i <= last do
    local j = math.min(i + size - 1, last)
    redis.call(command, key, unpack(ARGV, i, j))
    i = j + 1
  end
end

local markerCount = tonumber(ARGV[1])
for m = 1, markerCount do
  if redis.call('EXISTS', KEYS[m]) == 1 then
    return 0
  end
end
local statsKey = KEYS[markerCount + 1]
local outboxKey = KEYS[markerCount + 2]
local firstTimeline = markerCount + 2

local timelineCount = tonumber(ARGV[6])
local pos = 7
for i = 1, timelineCount do
  local current = redis.call('HGET', KEYS[firstTimeline + i], 'v') or '0'
  if current ~= ARGV[pos] then
    return -i
  end
  local setCount = tonumber(ARGV[pos + 2])
  pos = pos + 3 + 2 * setCount
  local delCount = tonumber(ARGV[pos])
  pos = pos + 1 + delCount
end

local stateTtl = tonumber(ARGV[3])
pos = 7
for i = 1, timelineCount do
  local key = KEYS[firstTimeline + i]
  local refreshTtl = ARGV[pos + 1] == '1'
  local setCount = tonumber(ARGV[pos + 2])
  pos = pos + 3
  if setCount > 0 then
    chunked('HSET', key, pos, pos + 2 * setCount - 1)
  end
  pos = pos + 2 * setCount
  local delCount = tonumber(ARGV[pos])
  pos = pos + 1
  if delCount > 0 then
    chunked('HDEL', key, pos, pos + delCount - 1)
  end
  pos = pos + delCount
  if refreshTtl then
    redis.call('EXPIRE', key, stateTtl)
  end
end

local counterCount = tonumber(ARGV[pos])
pos = pos + 1
for i = 1, counterCount do
  local key = KEYS[firstTimeline + timelineCount + i]
  local incrCount = tonumber(ARGV[pos])
  pos = pos + 1
  for _ = 1, incrCount do
    redis.call('HINCRBY', key, ARGV[pos], ARGV[pos + 1])
    pos = pos + 2
  end
end

local statCount = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, statCount do
  redis.call('HINCRBY', statsKey, ARGV[pos], ARGV[pos + 1])
  pos = pos + 2
end

-- Live view (GET /v1/live; LiveCommit.cs): the events applied in this wall-clock second, and the streams playing now.
-- KEYS: the second's hash, then the playing sets. ARGV: secondTtl, fieldCount, (field, increment) * fieldCount, nowMs,
-- setTtl, setCount, per set: addCount, (score, member) * addCount, remCount, member * remCount. Scores are the instants
-- until which members play; a set that gets members also loses those at or below nowMs (they have stopped playing)
-- and has its expiry renewed: only additions make a set grow, so only they need to keep it small.
local liveKey = firstTimeline + timelineCount + counterCount + 1
local secondTtl = ARGV[pos]
local fieldCount = tonumber(ARGV[pos + 1])
pos = pos + 2
for _ = 1, fieldCount do
  redis.call('HINCRBY', KEYS[liveKey], ARGV[pos], ARGV[pos + 1])
  pos = pos + 2
end
if fieldCount > 0 then
  redis.call('EXPIRE', KEYS[liveKey], secondTtl)
end
local nowMs = ARGV[pos]
local setTtl = ARGV[pos + 1]
local setCount = tonumber(ARGV[pos + 2])
pos = pos + 3
for i = 1, setCount do
  local key = KEYS[liveKey + i]
  local addCount = tonumber(ARGV[pos])
  pos = pos + 1
  if addCount > 0 then
    chunked('ZADD', key, pos, pos + 2 * addCount - 1)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', nowMs)
    redis.call('EXPIRE', key, setTtl)
  end
  pos = pos + 2 * addCount
  local remCount = tonumber(ARGV[pos])
  pos = pos + 1
  if remCount > 0 then
    chunked('ZREM', key, pos, pos + remCount - 1)
  end
  pos = pos + remCount
end
-- End of the live view.

if ARGV[5] ~= '' then
  redis.call('HSET', outboxKey, ARGV[4], ARGV[5])
end
local markerTtl = tonumber(ARGV[2])
for m = 1, markerCount do
  redis.call('SET', KEYS[m], '1', 'EX', markerTtl)
end
return 1
