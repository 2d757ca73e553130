// A user's synthesizer program that makes one declaration mistake, chosen by
// its first argument, to check how the process ends (see declaration_errors.cmake).
#include <keelson.h>

#include <string>

using namespace keelson;

int main(int argc, char** argv) {
  const std::string mistake = argc > 1 ? argv[1] : "";
  App app{"mistakes"};
  auto& network = app.stack("network");
  auto& vpc = network.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  if (mistake == "invalid-type") network.resource("AWS VPC", "bad");
  if (mistake == "find-child") network.node().find_child("mian");
  if (mistake == "outside-stack") app.resource("aws_vpc", "loose");
  if (mistake == "self-dependency") vpc.depends_on(vpc);
  if (mistake == "throwing-validation") {
    network.node().add_validation([]() -> std::vector<std::string> { throw std::runtime_error("boom"); });
  }
  return app.run(argc - 1, argv + 1);
}
