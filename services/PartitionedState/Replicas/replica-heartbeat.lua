-- A replica's heartbeat in its service's member set, and the live members after it.
-- KEYS[1] the member set (a sorted set: member -> when its entry expires, in ms of the Redis clock)
-- ARGV[1] this replica's id, ARGV[2] the expiry in ms
-- Redis's own clock, so replicas' clocks may disagree; the whole set expires when no member beats any more.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expiry = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + expiry, ARGV[1])
redis.call('PEXPIRE', KEYS[1], expiry)
return redis.call('ZRANGE', KEYS[1], 0, -1)
