-- The write scenario: each request changes one resource's 活動内容 (PATCH /api/v1/resources/ID,
-- the path given to wrk) with a text no other request sends. The session cookie, its CSRF token
-- and Content-Type: application/json come as headers from the command line. Counts the changes
-- sent and those answered 200, so that the runner can check the audit log afterwards: every
-- answered change is stored, and nothing is stored that was not sent (requests still in flight
-- when wrk stops are sent but never answered).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local threads = {}
function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

sent, ok = 0, 0
function request()
  sent = sent + 1
  local body = string.format('{"description":"負荷試験の書き込み %d-%d"}', number, sent)
  return wrk.format("PATCH", nil, nil, body)
end

function response(status)
  if status == 200 then ok = ok + 1 end
end

function report_extra()
  local s, o = 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("sent")
    o = o + t:get("ok")
  end
  return string.format(" sent=%d ok=%d", s, o)
end
