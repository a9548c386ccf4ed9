#include "crash/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef SASAEAI_CRASH_SERVER_PATH
#define SASAEAI_CRASH_SERVER_PATH ""
#endif

namespace sasaeai::test {
namespace {

// fork + exec with stdout and stderr to output_file. Between fork and exec the child only makes
// async-signal-safe calls: the test process may have other threads.
pid_t spawn(const std::vector<std::string>& args, const std::string& output_file) {
  if (args.empty()) throw std::invalid_argument("spawn: no program");
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);  // the test died between fork and prctl
    // The test ignores SIGPIPE; the server must get the default dispositions back.
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &dfl, nullptr);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const int out = ::open(output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (in < 0 || out < 0) ::_exit(125);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::execv(argv[0], argv.data());
    static const char failed[] = "crash test: could not exec ";
    [[maybe_unused]] auto n = ::write(2, failed, sizeof failed - 1);
    n = ::write(2, argv[0], std::strlen(argv[0]));  // strlen is async-signal-safe
    n = ::write(2, "\n", 1);
    ::_exit(127);
  }
  return pid;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string server_binary() {
  if (const char* env = std::getenv("SASAEAI_CRASH_SERVER"); env && *env) return env;
  return SASAEAI_CRASH_SERVER_PATH;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

CommandResult run_command(const std::vector<std::string>& argv, const std::string& output_file,
                          std::chrono::milliseconds timeout) {
  const pid_t pid = spawn(argv, output_file);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.output = read_file(output_file);
  return result;
}

ServerProcess::ServerProcess(const std::string& db, const std::string& log_file, bool demo) : log_file_(log_file) {
  std::vector<std::string> argv = {server_binary(), "--db", db, "serve", "--bind", "127.0.0.1", "--port", "0"};
  if (demo) argv.emplace_back("--demo");
  pid_ = spawn(argv, log_file_);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
    reaped_ = true;
  }
}

bool ServerProcess::running() {
  if (reaped_) return false;
  const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
  if (r == pid_) reaped_ = true;
  return !reaped_;
}

int ServerProcess::kill_hard() {
  if (!reaped_) {
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
  }
  return status_;
}

std::string ServerProcess::log() const { return read_file(log_file_); }

int ServerProcess::wait_until_listening(std::chrono::milliseconds timeout) {
  static const std::regex listening(R"(listening on https?://[^ ]*:([0-9]+)/)");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto text = log();
    std::smatch m;
    if (std::regex_search(text, m, listening)) {
      port_ = std::stoi(m[1].str());
      return port_;
    }
    if (!running()) {
      throw std::runtime_error("the server " + describe_status(status_) + " before listening; its log:\n" + text);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("the server did not report a port in time; its log:\n" + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace sasaeai::test
