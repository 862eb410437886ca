module "m" {
  source   = "./m"
  for_each = { for p in setproduct(range(1000), range(1000)) : "${p[0]}-${p[1]}" => p }
}
