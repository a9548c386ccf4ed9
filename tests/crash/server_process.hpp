#pragma once
// A real `sasaeai` process for the crash test: started with fork/exec, killed with SIGKILL.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace sasaeai::test {

// The server binary under test: $SASAEAI_CRASH_SERVER, else the path CMake compiled in.
std::string server_binary();

// Output and exit status of a short command-line run (`sasaeai token ...`).
struct CommandResult {
  int exit_code = -1;  // -1: killed (timed out or by a signal)
  std::string output;  // stdout and stderr together
};
CommandResult run_command(const std::vector<std::string>& argv, const std::string& output_file,
                          std::chrono::milliseconds timeout);

// `sasaeai --db DB serve --port 0`, its stdout and stderr written to log_file. The child gets
// PR_SET_PDEATHSIG=SIGKILL, so it dies with the test even if the test itself is killed.
// The destructor SIGKILLs and reaps the process if it is still there: no server is left behind.
class ServerProcess {
 public:
  ServerProcess(const std::string& db, const std::string& log_file, bool demo);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits for the "listening on" line and returns the port; throws with the log on failure.
  int wait_until_listening(std::chrono::milliseconds timeout);
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // True while the process has not exited (reaps it, and remembers the status, if it has).
  bool running();
  // SIGKILL and reap; returns the wait status.
  int kill_hard();
  std::string log() const;
  const std::string& log_file() const { return log_file_; }

 private:
  std::string log_file_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  int port_ = 0;
};

// A description of a wait status ("killed by signal 9", "exited with 1").
std::string describe_status(int status);

}  // namespace sasaeai::test
