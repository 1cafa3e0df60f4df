-- Closes one month × territory slot for the month's generation (close-months.lua returned it): facts applied to it
-- from now on are late. A slot an operator's reset has moved to a newer generation meanwhile stays open.
-- KEYS: 1 status hash.
-- ARGV: 1 the generation closed.
-- Returns 1 when closed (now or before), 0 when a newer generation holds it.

local gen = tonumber(redis.call('HGET', KEYS[1], 'gen')) or 0
if gen > tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'gen', ARGV[1], 'final', 1)
return 1
