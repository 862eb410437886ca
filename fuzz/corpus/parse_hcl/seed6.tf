# Neither call can be evaluated here: tfkms says so instead of staying
# silent about the policies inside.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
}

module "outside" {
  source = "../../../../outside-the-scan"
}
