#include <keelson.h>

int main(int argc, char** argv) {
  keelson::App app{"consumer"};
  app.stack("network").resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  return app.run(argc, argv);
}
