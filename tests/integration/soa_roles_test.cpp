// Who may do what with the statement of applicability of Norrviks kommun, one row per caller
// and endpoint: kControlRead in scope reads (the SoA, its gap view, entries, evidence files,
// versions, exports), kControlWrite changes entries and evidence, kSoaIssue issues versions.
// An organisation outside the caller's scope is 404 for every endpoint, a refused change 403,
// no session 401.
//
// Callers (demo accounts): ciso (ciso of the municipality: everything), itsak (it_security of
// the municipality: reads and writes, does not issue), sakerhetschef (security_chief of the
// group: reads), ks.ordforande (board of the municipality: reads), infoagare.sof (information
// owner of a unit below: no grant on the municipality), medarbetare (employee: no control
// permission), ciso.energi (ciso of another company).
#include "soa_support.h"

namespace lis_test::soa_roles_test {
namespace {

enum class Action {
  kGet,             // GET .../soa
  kSummary,         // GET .../soa/summary
  kEntry,           // GET .../soa/5.9
  kPatch,           // PATCH .../soa/5.9
  kAddLink,         // POST .../soa/5.9/evidence (JSON)
  kAddFile,         // POST .../soa/5.9/evidence (multipart)
  kDownload,        // GET .../soa/evidence/{id}/file
  kDeleteEvidence,  // DELETE .../soa/evidence/{id}
  kIssue,           // POST .../soa/versions
  kVersions,        // GET .../soa/versions
  kVersion,         // GET .../soa/versions/1
  kExport,          // GET .../soa/export?format=xlsx
  kExportVersion,   // GET .../soa/versions/1/export?format=pdf
};

struct Row {
  const char* who;  // "" for no session
  Action action;
  int expected;
};

using A = Action;
constexpr int kIn = 404;  // out of scope

// clang-format off
const Row kRows[] = {
    {"ciso", A::kGet, 200}, {"ciso", A::kSummary, 200}, {"ciso", A::kEntry, 200},
    {"ciso", A::kPatch, 200}, {"ciso", A::kAddLink, 201}, {"ciso", A::kAddFile, 201},
    {"ciso", A::kDownload, 200}, {"ciso", A::kDeleteEvidence, 204}, {"ciso", A::kIssue, 201},
    {"ciso", A::kVersions, 200}, {"ciso", A::kVersion, 200}, {"ciso", A::kExport, 200},
    {"ciso", A::kExportVersion, 200},

    {"itsak", A::kGet, 200}, {"itsak", A::kSummary, 200}, {"itsak", A::kEntry, 200},
    {"itsak", A::kPatch, 200}, {"itsak", A::kAddLink, 201}, {"itsak", A::kAddFile, 201},
    {"itsak", A::kDownload, 200}, {"itsak", A::kDeleteEvidence, 204}, {"itsak", A::kIssue, 403},
    {"itsak", A::kVersions, 200}, {"itsak", A::kVersion, 200}, {"itsak", A::kExport, 200},
    {"itsak", A::kExportVersion, 200},

    {"sakerhetschef", A::kGet, 200}, {"sakerhetschef", A::kSummary, 200},
    {"sakerhetschef", A::kEntry, 200}, {"sakerhetschef", A::kPatch, 403},
    {"sakerhetschef", A::kAddLink, 403}, {"sakerhetschef", A::kAddFile, 403},
    {"sakerhetschef", A::kDownload, 200}, {"sakerhetschef", A::kDeleteEvidence, 403},
    {"sakerhetschef", A::kIssue, 403}, {"sakerhetschef", A::kVersions, 200},
    {"sakerhetschef", A::kVersion, 200}, {"sakerhetschef", A::kExport, 200},
    {"sakerhetschef", A::kExportVersion, 200},

    {"ks.ordforande", A::kGet, 200}, {"ks.ordforande", A::kSummary, 200},
    {"ks.ordforande", A::kEntry, 200}, {"ks.ordforande", A::kPatch, 403},
    {"ks.ordforande", A::kAddLink, 403}, {"ks.ordforande", A::kAddFile, 403},
    {"ks.ordforande", A::kDownload, 200}, {"ks.ordforande", A::kDeleteEvidence, 403},
    {"ks.ordforande", A::kIssue, 403}, {"ks.ordforande", A::kVersions, 200},
    {"ks.ordforande", A::kVersion, 200}, {"ks.ordforande", A::kExport, 200},
    {"ks.ordforande", A::kExportVersion, 200},

    {"infoagare.sof", A::kGet, kIn}, {"infoagare.sof", A::kSummary, kIn},
    {"infoagare.sof", A::kEntry, kIn}, {"infoagare.sof", A::kPatch, kIn},
    {"infoagare.sof", A::kAddLink, kIn}, {"infoagare.sof", A::kAddFile, kIn},
    {"infoagare.sof", A::kDownload, kIn}, {"infoagare.sof", A::kDeleteEvidence, kIn},
    {"infoagare.sof", A::kIssue, kIn}, {"infoagare.sof", A::kVersions, kIn},
    {"infoagare.sof", A::kVersion, kIn}, {"infoagare.sof", A::kExport, kIn},
    {"infoagare.sof", A::kExportVersion, kIn},

    {"medarbetare", A::kGet, kIn}, {"medarbetare", A::kSummary, kIn},
    {"medarbetare", A::kEntry, kIn}, {"medarbetare", A::kPatch, kIn},
    {"medarbetare", A::kAddLink, kIn}, {"medarbetare", A::kAddFile, kIn},
    {"medarbetare", A::kDownload, kIn}, {"medarbetare", A::kDeleteEvidence, kIn},
    {"medarbetare", A::kIssue, kIn}, {"medarbetare", A::kVersions, kIn},
    {"medarbetare", A::kVersion, kIn}, {"medarbetare", A::kExport, kIn},
    {"medarbetare", A::kExportVersion, kIn},

    {"ciso.energi", A::kGet, kIn}, {"ciso.energi", A::kSummary, kIn},
    {"ciso.energi", A::kEntry, kIn}, {"ciso.energi", A::kPatch, kIn},
    {"ciso.energi", A::kAddLink, kIn}, {"ciso.energi", A::kAddFile, kIn},
    {"ciso.energi", A::kDownload, kIn}, {"ciso.energi", A::kDeleteEvidence, kIn},
    {"ciso.energi", A::kIssue, kIn}, {"ciso.energi", A::kVersions, kIn},
    {"ciso.energi", A::kVersion, kIn}, {"ciso.energi", A::kExport, kIn},
    {"ciso.energi", A::kExportVersion, kIn},

    {"", A::kGet, 401}, {"", A::kPatch, 401}, {"", A::kAddFile, 401}, {"", A::kDownload, 401},
    {"", A::kDeleteEvidence, 401}, {"", A::kIssue, 401}, {"", A::kExport, 401},
};
// clang-format on

class SoaRolesTest : public SharedServerTest<SoaRolesTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!started() || org_) return;
    LisServer& s = server();
    org_ = s.OrgUnitId("Norrviks kommun");
    fw_ = FrameworkId(s, "iso27001-2022");
    ciso_ = s.Login("ciso");
    Response p =
        s.Patch(SoaPath(org_, fw_, "/5.9"), ciso_,
                {{"applicable", true}, {"justification", "Förteckningen krävs."}, {"version", 0}});
    ASSERT_EQ(p.status, 200) << p;
    Response f = UploadEvidence(s, ciso_, org_, fw_, "5.9", "förteckning.pdf", kPdfBytes);
    ASSERT_EQ(f.status, 201) << f;
    file_id_ = f.Json()["id"];
    ASSERT_EQ(s.Post(SoaPath(org_, fw_, "/versions"), ciso_, json::object()).status, 201);
  }

  // The request of `action` as `auth`.
  Response Run(Action action, const Auth& auth, const std::string& who) {
    LisServer& s = server();
    const std::string ev = "/api/v1/org-units/" + Id(org_) + "/soa/evidence/";
    switch (action) {
      case A::kGet:
        return s.Get(SoaPath(org_, fw_), auth);
      case A::kSummary:
        return s.Get(SoaPath(org_, fw_, "/summary"), auth);
      case A::kEntry:
        return s.Get(SoaPath(org_, fw_, "/5.9"), auth);
      case A::kPatch: {
        json entry = Fetch(s, ciso_, SoaPath(org_, fw_, "/5.9"));
        return s.Patch(SoaPath(org_, fw_, "/5.9"), auth,
                       {{"implementation", "Ändrad av " + who}, {"version", entry["version"]}});
      }
      case A::kAddLink:
        return s.Post(SoaPath(org_, fw_, "/5.9/evidence"), auth,
                      {{"url", "https://intranat.norrvik.se/" + who}});
      case A::kAddFile:
        return UploadEvidence(s, auth, org_, fw_, "5.9", "bevis.txt", "Granskat av " + who);
      case A::kDownload:
        return s.Get(ev + Id(file_id_) + "/file", auth);
      case A::kDeleteEvidence: {
        Response made = s.Post(SoaPath(org_, fw_, "/5.9/evidence"), ciso_,
                               {{"url", "https://intranat.norrvik.se/radera"}});
        EXPECT_EQ(made.status, 201) << made;
        return s.Delete(ev + Id(made.Json()["id"].get<long long>()) + "?version=1", auth);
      }
      case A::kIssue:
        return s.Post(SoaPath(org_, fw_, "/versions"), auth, json::object());
      case A::kVersions:
        return s.Get(SoaPath(org_, fw_, "/versions"), auth);
      case A::kVersion:
        return s.Get(SoaPath(org_, fw_, "/versions/1"), auth);
      case A::kExport:
        return s.Get(SoaPath(org_, fw_, "/export", "&format=xlsx"), auth);
      case A::kExportVersion:
        return s.Get(SoaPath(org_, fw_, "/versions/1/export", "&format=pdf"), auth);
    }
    return {};
  }

  static inline long long org_ = 0, fw_ = 0, file_id_ = 0;
  static inline Session ciso_;
};

TEST_F(SoaRolesTest, EveryEndpointAnswersEachCallerAsTheTableSays) {
  LisServer& s = server();
  std::map<std::string, Session> sessions;
  for (const auto& row : kRows) {
    Auth auth;
    if (*row.who) {
      if (!sessions.count(row.who)) sessions[row.who] = s.Login(row.who);
      auth = sessions[row.who];
    }
    long long before = s.AuditTotal();
    Response r = Run(row.action, auth, *row.who ? row.who : "anonymous");
    EXPECT_EQ(r.status, row.expected) << (*row.who ? row.who : "(no session)") << " action "
                                      << static_cast<int>(row.action) << ": " << r;
    // A refused request changes nothing of the SoA (a delete row made its evidence first; a
    // refusal may add a security event of its own).
    if (r.status >= 400) {
      size_t made = row.action == A::kDeleteEvidence ? 1 : 0;
      size_t soa_events = 0;
      for (const auto& e : EventsSince(s, before))
        if (e.value("entity", "").rfind("soa_", 0) == 0) ++soa_events;
      EXPECT_EQ(soa_events, made) << row.who << " " << static_cast<int>(row.action);
    }
  }
}

}  // namespace
}  // namespace lis_test::soa_roles_test
