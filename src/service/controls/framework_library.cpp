// Reading, importing and exporting the control framework library.
#include <algorithm>
#include <cctype>

#include "service/catalogue_access.h"
#include "service/controls/control_links.h"
#include "service/controls/framework_service.h"
#include "service/input.h"
#include "store/controls/control_tables.h"

namespace lis::service {

using domain::FrameworkData;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const std::string& Lang(const Caller& caller, const json& row, const std::string& field) {
  const std::string& en = row[field + "_en"].get_ref<const std::string&>();
  return caller.language == "en" ? en : row[field + "_sv"].get_ref<const std::string&>();
}

json ShownThemes(const Caller& caller, const json& row) {
  json stored = json::parse(row["themes"].get<std::string>(), nullptr, false);
  json out = json::array();
  if (!stored.is_array()) return out;
  for (const auto& t : stored) {
    json theme = {{"code", t["code"]}, {"name_sv", t["name"]["sv"]}, {"name_en", t["name"]["en"]}};
    theme["name"] = Lang(caller, theme, "name");
    out.push_back(std::move(theme));
  }
  return out;
}

json ShownFramework(const Caller& caller, json row, long long control_count) {
  row["name"] = Lang(caller, row, "name");
  row["themes"] = ShownThemes(caller, row);
  row["control_count"] = control_count;
  return row;
}

long long CountOf(const std::map<long long, long long>& counts, long long id) {
  auto it = counts.find(id);
  return it == counts.end() ? 0 : it->second;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The live controls of framework `id`, in its order, matching `filter`; one page of them.
store::Page LiveControls(Tx& tx, long long id, store::Filter filter = {},
                         const PageRequest& page = {1000000, 0}) {
  filter.And("framework_id = ?", {Value(id)});
  return store::ListRecords(tx, store::FrameworkControlTable(), filter, "sort_order, id",
                            page.limit, page.offset);
}

// Framework `id` with its live controls as data.
FrameworkData DataOf(Tx& tx, const json& framework, long long id) {
  FrameworkData d;
  d.ref = framework["ref"];
  d.data_version = framework["data_version"];
  d.name_sv = framework["name_sv"];
  d.name_en = framework["name_en"];
  d.description_sv = framework["description_sv"];
  d.description_en = framework["description_en"];
  for (const auto& t : json::parse(framework["themes"].get<std::string>()))
    d.themes.push_back({t["code"], t["name"]["sv"], t["name"]["en"]});
  for (const auto& c : LiveControls(tx, id).items)
    d.controls.push_back({c["ref"], c["theme"], c["title_sv"], c["title_en"], c["description_sv"],
                          c["description_en"]});
  return d;
}

}  // namespace

Result<store::Page> FrameworkService::List(const Caller& caller) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    auto counts = store::ControlCounts(tx);
    auto page = store::ListRecords(tx, store::FrameworkTable(), {}, "ref", 1000000, 0);
    for (auto& f : page.items)
      f = ShownFramework(caller, f, CountOf(counts, f["id"].get<long long>()));
    return page;
  });
}

Result<json> FrameworkService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto f = store::GetRecord(tx, store::FrameworkTable(), id);
    if (!f) return NotFound();
    return ShownFramework(caller, *f, CountOf(store::ControlCounts(tx), id));
  });
}

Result<store::Page> FrameworkService::Controls(const Caller& caller, long long id,
                                               const std::string& theme, const std::string& q,
                                               const PageRequest& page) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    auto f = store::GetRecord(tx, store::FrameworkTable(), id);
    if (!f) return NotFound();
    store::Filter filter;
    if (!theme.empty()) {
      std::vector<std::string> codes;
      for (const auto& t : ShownThemes(caller, *f)) codes.push_back(t["code"].get<std::string>());
      if (std::find(codes.begin(), codes.end(), theme) == codes.end())
        return BadParamValue("theme", JoinedList(codes));
      filter.And("theme = ?", {Value(theme)});
    }
    if (!q.empty()) {
      std::string like = "%" + store::EscapeLike(Lower(q)) + "%";
      filter.And(
          "(LOWER(ref) LIKE ? ESCAPE '!' OR LOWER(title_sv) LIKE ? ESCAPE '!' OR "
          "LOWER(title_en) LIKE ? ESCAPE '!')",
          {Value(like), Value(like), Value(like)});
    }
    bool annex_a = (*f)["ref"] == domain::kAnnexAFramework;
    auto links = annex_a ? RequirementsByControl(tx) : std::map<std::string, std::vector<json>>{};
    store::Page out = LiveControls(tx, id, filter, page);
    for (auto& c : out.items) {
      c["title"] = Lang(caller, c, "title");
      auto it = links.find(c["ref"].get<std::string>());
      c["requirements"] = it == links.end() ? json::array() : json(it->second);
    }
    return out;
  });
}

bool FrameworkService::MayEdit(const Caller& caller) {
  auto may =
      db_.ReadResult<bool>([&](Tx& tx) -> Result<bool> { return CanWriteCatalogue(tx, caller); });
  return may.ok() && *may;
}

Result<json> FrameworkService::Import(const Caller& caller, const json& document, bool dry_run) {
  if (!MayEdit(caller)) return Forbidden();
  // A file's "\u0000" is a NUL once parsed: refused here as at the request's boundary.
  if (Status text = CheckJsonText(document); !text.ok()) return text.error();
  std::vector<Error> errors;
  FrameworkData data = domain::ParseFramework(document, errors);
  if (!errors.empty()) {
    Error refused = MakeError(Code::kInvalid, "error.import_refused")
                        .With("count", std::to_string(errors.size()));
    refused.details = std::move(errors);
    return refused;
  }
  auto apply = [&](Tx& tx) -> Result<json> {
    json out = ApplyFramework(tx, data, "imported", !dry_run).ToJson();
    auto id = store::FrameworkIdByRef(tx, data.ref);
    out["id"] = id ? json(*id) : json(nullptr);
    out["ref"] = data.ref;
    out["dry_run"] = dry_run;
    return out;
  };
  if (dry_run) return db_.ReadResult<json>(apply);
  return db_.WriteResult<json>(caller.ToActor("framework import"), apply);
}

Result<json> FrameworkService::Export(const Caller& caller, long long id) {
  (void)caller;  // the library is readable by every signed-in user
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto f = store::GetRecord(tx, store::FrameworkTable(), id);
    if (!f) return NotFound();
    return domain::FrameworkDocument(DataOf(tx, *f, id));
  });
}

}  // namespace lis::service
