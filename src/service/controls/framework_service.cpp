#include "service/controls/framework_service.h"

#include "core/assets.h"
#include "service/catalogue_access.h"
#include "service/controls/control_links.h"
#include "store/controls/control_tables.h"

namespace lis::service {

using domain::FrameworkData;
using nlohmann::json;
using store::Tx;
using store::Value;

json FrameworkChanges::ToJson() const {
  return {{"framework_created", framework_created},
          {"framework_updated", framework_updated},
          {"created", created},
          {"updated", updated},
          {"unchanged", unchanged},
          {"retired", retired}};
}

namespace {

json ThemesJson(const FrameworkData& d) {
  json out = json::array();
  for (const auto& t : d.themes)
    out.push_back({{"code", t.code}, {"name", {{"sv", t.name_sv}, {"en", t.name_en}}}});
  return out;
}

// The stored values of the framework itself (without source).
json FrameworkValues(const FrameworkData& d) {
  return {{"ref", d.ref},
          {"name_sv", d.name_sv},
          {"name_en", d.name_en},
          {"description_sv", d.description_sv},
          {"description_en", d.description_en},
          {"data_version", d.data_version},
          {"themes", ThemesJson(d).dump()}};
}

json ControlValues(const domain::FrameworkControl& c, long long framework_id, size_t order) {
  return {{"framework_id", framework_id},
          {"ref", c.ref},
          {"theme", c.theme},
          {"title_sv", c.title_sv},
          {"title_en", c.title_en},
          {"description_sv", c.description_sv},
          {"description_en", c.description_en},
          {"sort_order", static_cast<long long>(order)}};
}

// Whether `record` already holds every value of `values`.
bool Holds(const json& record, const json& values) {
  for (auto it = values.begin(); it != values.end(); ++it)
    if (record.value(it.key(), json(nullptr)) != it.value()) return false;
  return true;
}

long long VersionOf(const json& record) {
  return record["version"].get<long long>();
}

// Applies the controls of `data` to framework `id` (0: not written yet, all are new).
void ApplyControls(Tx& tx, const FrameworkData& data, long long id, bool write,
                   FrameworkChanges& out) {
  auto current = id ? store::ControlsByRef(tx, id) : std::map<std::string, json>{};
  for (size_t i = 0; i < data.controls.size(); ++i) {
    json values = ControlValues(data.controls[i], id, i);
    auto it = current.find(data.controls[i].ref);
    if (it == current.end()) {
      ++out.created;
      if (write) store::InsertRecord(tx, store::FrameworkControlTable(), values);
      continue;
    }
    bool retired = !it->second["deleted_at"].is_null();
    if (!retired && Holds(it->second, values)) {
      ++out.unchanged;
    } else {
      ++out.updated;
      if (retired) values["deleted_at"] = nullptr;
      if (write)
        store::UpdateRecord(tx, store::FrameworkControlTable(), it->second["id"].get<long long>(),
                            VersionOf(it->second), values, retired ? "restore" : "update");
    }
    current.erase(it);
  }
  for (const auto& [ref, c] : current) {
    if (!c["deleted_at"].is_null()) continue;
    ++out.retired;
    if (write)
      store::DeleteRecord(tx, store::FrameworkControlTable(), c["id"].get<long long>(),
                          VersionOf(c));
  }
}

}  // namespace

FrameworkChanges ApplyFramework(Tx& tx, const FrameworkData& data, const std::string& source,
                                bool write) {
  FrameworkChanges out;
  json values = FrameworkValues(data);
  auto id = store::FrameworkIdByRef(tx, data.ref);
  if (!id) {
    out.framework_created = true;
    values["source"] = source;
    long long new_id = 0;
    if (write)
      new_id = store::InsertRecord(tx, store::FrameworkTable(), values)["id"].get<long long>();
    ApplyControls(tx, data, new_id, write, out);
    return out;
  }
  ApplyControls(tx, data, *id, write, out);
  auto current = store::GetRecord(tx, store::FrameworkTable(), *id, true);
  if (source == "imported" && (out.any() || !Holds(*current, values))) values["source"] = source;
  out.framework_updated = !Holds(*current, values) || !(*current)["deleted_at"].is_null();
  if (out.framework_updated && write) {
    if (!(*current)["deleted_at"].is_null()) values["deleted_at"] = nullptr;
    store::UpdateRecord(tx, store::FrameworkTable(), *id, VersionOf(*current), values,
                        (*current)["deleted_at"].is_null() ? "update" : "restore");
  }
  return out;
}

namespace {

// The shipped framework files, by path.
std::vector<std::string_view> ShippedFiles() {
  std::vector<std::string_view> out;
  for (const auto& [path, text] : EmbeddedAssets())
    if (path.rfind("frameworks/", 0) == 0 && path.size() > 5 &&
        path.substr(path.size() - 5) == ".json")
      out.push_back(text);
  return out;
}

}  // namespace

Result<int> FrameworkService::LoadShipped(store::Database& db) {
  store::Actor system;
  system.comment = "shipped framework library";
  return db.WriteResult<int>(system, [&](Tx& tx) -> Result<int> {
    int written = 0;
    for (std::string_view text : ShippedFiles()) {
      std::vector<Error> errors;
      FrameworkData data = domain::ParseFramework(json::parse(text), errors);
      if (!errors.empty()) return errors.front();
      auto id = store::FrameworkIdByRef(tx, data.ref);
      if (id) {
        auto current = store::GetRecord(tx, store::FrameworkTable(), *id, true);
        if ((*current)["source"] != "shipped" ||
            (*current)["data_version"].get<long long>() >= data.data_version)
          continue;
      }
      ApplyFramework(tx, data, "shipped", true);
      ++written;
    }
    return written;
  });
}

}  // namespace lis::service
