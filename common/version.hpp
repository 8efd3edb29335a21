// Herald's version (CMake's project(VERSION)) and the text both programs'
// --version print: scripts and packages read it, so its shape is stable.
#pragma once

#include <string>
#include <string_view>

namespace herald {

// "0.1.0"
std::string_view herald_version();

// Three lines:
//   PROGRAM (Herald) 0.1.0
//   Xapian 1.4.22
//   database schema 7 (reads 6 and 7)
std::string version_text(std::string_view program);

// The --version option's line in both programs' --help.
inline constexpr const char* kVersionOptionHelp =
    "Print the versions of Herald, Xapian and the database schema, and exit";

}  // namespace herald
