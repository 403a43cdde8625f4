#include "domain/org/org_number.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

struct Case {
  const char* input;
  OrgNumberProblem expected;
};

TEST(OrgNumber, ChecksFormLegalEntityAndCheckDigit) {
  const Case cases[] = {
      {"212000-2262", OrgNumberProblem::kNone},  // a municipality
      {"2120002262", OrgNumberProblem::kNone},   // without hyphen
      {"556677-8899", OrgNumberProblem::kNone},  // a limited company
      {"556677-8898", OrgNumberProblem::kCheckDigit},
      {"212000-2263", OrgNumberProblem::kCheckDigit},
      {"811218-9876", OrgNumberProblem::kNotLegalEntity},  // third digit < 2: a person
      {"556677+8899", OrgNumberProblem::kFormat},
      {"55667-78899", OrgNumberProblem::kFormat},
      {"556677-889", OrgNumberProblem::kFormat},
      {"55667a-8899", OrgNumberProblem::kFormat},
      {"", OrgNumberProblem::kFormat},
  };
  for (const auto& c : cases) EXPECT_EQ(CheckOrgNumber(c.input), c.expected) << c.input;
}

TEST(OrgNumber, NormalisesToHyphenatedForm) {
  EXPECT_EQ(NormaliseOrgNumber("5566778899"), "556677-8899");
  EXPECT_EQ(NormaliseOrgNumber("556677-8899"), "556677-8899");
}

}  // namespace
}  // namespace lis::domain
