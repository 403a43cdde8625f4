#include "service/notifications/notification_service.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "store/notifications/notification_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Col;
using store::Tx;
using store::Value;

namespace {

bool DedupeKeyExists(Tx& tx, const std::string& key) {
  return tx.QueryOne("SELECT id FROM notifications WHERE dedupe_key = ?", {Value(key)}, {Col::kInt})
      .has_value();
}

// The record with its text in `language`, from message_key and the stored args.
json WithText(json record, const std::string& language) {
  std::map<std::string, std::string> args;
  json stored = json::parse(record.value("args", std::string("{}")), nullptr, false);
  if (stored.is_object())
    for (const auto& [name, value] : stored.items())
      if (value.is_string()) args[name] = value.get<std::string>();
  record["text"] =
      Messages::Embedded().Text(language, record.value("message_key", std::string()), args);
  record["read"] = !record["read_at"].is_null();
  return record;
}

// The caller's notification `id`, or not_found (also for another user's).
Result<json> OwnNotification(Tx& tx, const Caller& caller, long long id) {
  auto record = store::GetRecord(tx, store::NotificationTable(), id);
  if (!record || (*record)["user_id"].get<long long>() != caller.user_id) return NotFound();
  return std::move(*record);
}

store::Filter OwnFilter(const Caller& caller, bool unread_only) {
  store::Filter filter;
  filter.And("user_id = ?", {Value(caller.user_id)});
  if (unread_only) filter.And("read_at IS NULL");
  return filter;
}

}  // namespace

bool NotificationWritten(Tx& tx, const std::string& dedupe_key) {
  return tx
      .QueryOne("SELECT id FROM notifications WHERE dedupe_key = ?", {Value(dedupe_key)},
                {Col::kInt})
      .has_value();
}

bool AnyUnwritten(Tx& tx, const std::vector<NotificationInput>& planned) {
  for (const auto& n : planned)
    if (!NotificationWritten(tx, *n.dedupe_key)) return true;
  return false;
}

bool Notify(Tx& tx, const NotificationInput& n) {
  if (n.dedupe_key && NotificationWritten(tx, *n.dedupe_key)) return false;
  json args = json::object();
  for (const auto& [name, value] : n.args) args[name] = value;
  store::InsertRecord(tx, store::NotificationTable(),
                      {{"user_id", n.user_id},
                       {"org_unit_id", n.org_unit_id ? json(*n.org_unit_id) : json(nullptr)},
                       {"kind", n.kind},
                       {"entity", n.entity},
                       {"entity_id", n.entity_id},
                       {"message_key", n.message_key},
                       {"args", args.dump()},
                       {"link", n.link},
                       {"dedupe_key", n.dedupe_key ? json(*n.dedupe_key) : json(nullptr)},
                       {"read_at", nullptr}});
  return true;
}

Result<store::Page> NotificationService::List(const Caller& caller,
                                              const NotificationListQuery& query) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    auto page =
        store::ListRecords(tx, store::NotificationTable(), OwnFilter(caller, query.unread_only),
                           "CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC",
                           query.page.limit, query.page.offset);
    for (auto& item : page.items) item = WithText(std::move(item), query.language);
    return page;
  });
}

Result<long long> NotificationService::UnreadCount(const Caller& caller) {
  return db_.ReadResult<long long>([&](Tx& tx) -> Result<long long> {
    return store::CountRecords(tx, store::NotificationTable(), OwnFilter(caller, true));
  });
}

Result<json> NotificationService::MarkRead(const Caller& caller, long long id,
                                           const std::string& language) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto record = OwnNotification(tx, caller, id);
    if (!record.ok()) return record.error();
    if (!(*record)["read_at"].is_null()) return WithText(std::move(*record), language);
    auto updated =
        store::UpdateRecord(tx, store::NotificationTable(), id,
                            (*record)["version"].get<long long>(), {{"read_at", tx.Now()}}, "read");
    if (!updated.ok()) return updated.error();
    return WithText(std::move(*updated), language);
  });
}

Result<long long> NotificationService::MarkAllRead(const Caller& caller) {
  return db_.WriteResult<long long>(caller.ToActor(), [&](Tx& tx) -> Result<long long> {
    auto unread = tx.Query(
        "SELECT id, version FROM notifications WHERE user_id = ? AND read_at IS NULL AND "
        "deleted_at IS NULL",
        {Value(caller.user_id)}, {Col::kInt, Col::kInt});
    for (const auto& row : unread) {
      auto updated = store::UpdateRecord(tx, store::NotificationTable(), row.Int(0), row.Int(1),
                                         {{"read_at", tx.Now()}}, "read");
      if (!updated.ok()) return updated.error();
    }
    return static_cast<long long>(unread.size());
  });
}

}  // namespace lis::service
