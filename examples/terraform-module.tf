# The Sourcefuse ARC DynamoDB module (sourcefuse/arc-dynamodb/aws): DynamoDB Designer reads its
# inputs as the module passes them to its aws_dynamodb_table. Terraform applies this file.

module "game_leaderboard" {
  source = "sourcefuse/arc-dynamodb/aws"

  table_name   = "game-leaderboard"
  billing_mode = "PROVISIONED"
  hash_key     = "gameId"
  range_key    = "score"

  attributes = [
    {
      name = "gameId"
      type = "S"
    },
    {
      name = "score"
      type = "N"
    },
    {
      name = "playerId"
      type = "S"
    },
    {
      name = "timestamp"
      type = "N"
    }
  ]

  read_capacity  = 25
  write_capacity = 25

  global_secondary_indexes = [
    {
      name            = "PlayerIndex"
      hash_key        = "playerId"
      range_key       = "timestamp"
      projection_type = "ALL"
      read_capacity   = 10
      write_capacity  = 10
    }
  ]

  local_secondary_indexes = [
    {
      name            = "TimestampIndex"
      range_key       = "timestamp"
      projection_type = "ALL"
    }
  ]

  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  ttl_enabled        = true
  ttl_attribute_name = "expires_at"

  tags = {
    Environment = "production"
  }
}
