BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $password = ConvertTo-SecureString 'not-the-password' -AsPlainText -Force
    $someone = [pscredential]::new('someone', $password)

    function Invoke-Isolated {
        # Runs Connect-OpenStack with no OS_* variables and an empty working folder, so the machine's own settings cannot leak in.
        param([scriptblock] $Script, [hashtable] $Environment = @{})
        $saved = Get-ChildItem Env: | Where-Object Name -like 'OS_*'
        $saved | ForEach-Object { Remove-Item "Env:$($_.Name)" }
        $Environment.GetEnumerator() | ForEach-Object { Set-Item "Env:$($_.Key)" $_.Value }
        Push-Location TestDrive:
        try { Get-ErrorRecord $Script } finally {
            Pop-Location
            Get-ChildItem Env: | Where-Object Name -like 'OS_*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            $saved | ForEach-Object { Set-Item "Env:$($_.Name)" $_.Value }
        }
    }
}

Describe 'Connect-OpenStack refuses bad settings with one clear error' {
    It 'names the missing auth URL' {
        $record = Invoke-Isolated { Connect-OpenStack -Credential $someone }
        $record.Exception.Message | Should -BeLike 'No Keystone auth URL*'
        $record.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'names an unknown cloud and the clouds the file has' {
        Set-Content TestDrive:/clouds.yaml "clouds:`n  alpha:`n    auth:`n      auth_url: http://127.0.0.1:1/v3`n"
        $record = Invoke-Isolated { Connect-OpenStack -Cloud beta } @{ OS_CLIENT_CONFIG_FILE = (Resolve-Path TestDrive:/clouds.yaml).ProviderPath }
        $record.Exception.Message | Should -BeLike "Cloud 'beta' is not defined in *clouds.yaml. Clouds defined there: alpha."
    }

    It 'gives the file and line of a clouds.yaml that does not parse' {
        Set-Content TestDrive:/clouds.yaml "clouds:`n  alpha:`n    auth: [unclosed`n"
        $record = Invoke-Isolated { Connect-OpenStack -Cloud alpha } @{ OS_CLIENT_CONFIG_FILE = (Resolve-Path TestDrive:/clouds.yaml).ProviderPath }
        $record.Exception.Message | Should -BeLike '*clouds.yaml is not valid YAML: line *, column *'
        $record.Exception.Message | Should -Not -BeLike '*   at *'
    }

    It 'names a clouds.yaml that OS_CLIENT_CONFIG_FILE points to but does not exist' {
        $record = Invoke-Isolated { Connect-OpenStack -Cloud alpha } @{ OS_CLIENT_CONFIG_FILE = '/nonexistent/clouds.yaml' }
        $record.Exception.Message | Should -BeLike "*'/nonexistent/clouds.yaml' named by OS_CLIENT_CONFIG_FILE does not exist*"
    }

    It 'says that an unreachable Keystone cannot be reached, without a stack trace' {
        $record = Invoke-Isolated { Connect-OpenStack -AuthUrl http://127.0.0.1:9/v3 -Credential $someone -ProjectName p }
        $record.CategoryInfo.Category | Should -Be 'ConnectionError'
        $record.Exception.Message | Should -BeLike 'POST http://127.0.0.1:9/v3/auth/tokens failed: *'
        "$record" | Should -Not -BeLike '*   at *'
    }

    It 'refuses a project scope with an application credential, naming the rule' {
        $secret = ConvertTo-SecureString 's' -AsPlainText -Force
        $record = Invoke-Isolated { Connect-OpenStack -AuthUrl http://127.0.0.1:9/v3 -ApplicationCredentialId abc -ApplicationCredentialSecret $secret -ProjectName p }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -BeLike '*application credential is bound to its own project*'
    }

    It 'refuses an auth URL that is not http or https' {
        $record = Invoke-Isolated { Connect-OpenStack -AuthUrl 'ftp://x/v3' -Credential $someone }
        $record.Exception.Message | Should -BeLike "-AuthUrl: 'ftp://x/v3' is not an absolute http or https URL*"
    }

    It 'refuses Keystone v2.0' {
        $record = Invoke-Isolated { Connect-OpenStack -AuthUrl 'http://127.0.0.1:9/v2.0' -Credential $someone }
        $record.Exception.Message | Should -BeLike '*only Identity v3 is supported*'
    }
}

Describe 'Sessions' {
    BeforeAll {
        $seed = Get-LabSeed
        $labClouds = Join-Path $script:LabState 'clouds.yaml'
    }

    AfterAll {
        if (Get-OpenStackSession) { Disconnect-OpenStack }
    }

    It 'connects with a clouds.yaml entry and makes it the default' {
        $session = Connect-Lab lab-admin
        $session.ProjectName | Should -Be 'admin'
        $session.ProjectId | Should -Be $seed.admin_project_id
        $session.NetworkEndpoint.ToString() | Should -Be "$($seed.network_url.TrimEnd('/'))/"
        $session.ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        (Get-OpenStackSession).ProjectId | Should -Be $session.ProjectId
    }

    It 'connects with the OS_* variables of an openrc file' {
        $saved = Get-ChildItem Env: | Where-Object Name -like 'OS_*'
        try {
            Get-Content (Join-Path $script:LabState 'member-openrc.sh') | Where-Object { $_ -match '^export (OS_\w+)=(.*)$' } | ForEach-Object {
                Set-Item "Env:$($Matches[1])" ($Matches[2].Trim('"', "'"))
            }
            $session = Connect-OpenStack
            $session.ProjectId | Should -Be $seed.member_project_id
        }
        finally {
            Get-ChildItem Env: | Where-Object Name -like 'OS_*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            $saved | ForEach-Object { Set-Item "Env:$($_.Name)" $_.Value }
        }
    }

    It 'lets parameters override the clouds.yaml entry' {
        $env:OS_CLIENT_CONFIG_FILE = $labClouds
        try {
            $record = Get-ErrorRecord { Connect-OpenStack -Cloud lab-admin -Region NoSuchRegion }
        }
        finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        $record.Exception.Message | Should -BeLike "No 'network' endpoint for interface 'public' in region 'NoSuchRegion'.*RegionOne*"
    }

    It 'connects with an existing token, and reports the region of the endpoint it uses when none was asked for' {
        $token = New-LabToken
        $session = Connect-OpenStack -AuthUrl $seed.auth_url -Token (ConvertTo-SecureString $token -AsPlainText -Force)
        $session.AuthMethod | Should -Be 'Token'
        $session.Region | Should -Be 'RegionOne'
        $session.CanRenew | Should -BeFalse
        (Get-IpsecSiteConnection -Id $seed.connection_id).Id | Should -Be $seed.connection_id
    }

    It 'uses a network endpoint override instead of the catalog' {
        $env:OS_CLIENT_CONFIG_FILE = $labClouds
        try { $session = Connect-OpenStack -Cloud lab-admin -NetworkEndpoint ($seed.network_url -replace '127\.0\.0\.1', 'localhost') } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        $session.NetworkEndpoint.Host | Should -Be 'localhost'
        (Get-IpsecSiteConnection -Id $seed.connection_id -Session $session).Id | Should -Be $seed.connection_id
    }

    It 'reports a wrong password as an authentication error that names Keystone' {
        $wrong = [pscredential]::new('admin', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        $record = Get-ErrorRecord { Connect-OpenStack -AuthUrl $seed.auth_url -Credential $wrong -ProjectName admin }
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.Exception.Message | Should -BeLike "Keystone at $($seed.auth_url)/ refused the credentials*"
    }

    It 'reports an unknown project as an authentication error' {
        $admin = [pscredential]::new('admin', (ConvertTo-SecureString 'adminpass' -AsPlainText -Force))
        $record = Get-ErrorRecord { Connect-OpenStack -AuthUrl $seed.auth_url -Credential $admin -ProjectName no-such-project }
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.Exception.Message | Should -BeLike '*project and domain names*'
    }

    It 'never shows the token: not in Format-List *, not in ConvertTo-Json' {
        $token = New-LabToken
        $session = Connect-OpenStack -AuthUrl $seed.auth_url -Token (ConvertTo-SecureString $token -AsPlainText -Force)
        ($session | Format-List * | Out-String) | Should -Not -BeLike "*$token*"
        ($session | Format-Table * | Out-String -Width 500) | Should -Not -BeLike "*$token*"
        ($session | ConvertTo-Json -Depth 5) | Should -Not -BeLike "*$token*"
        Disconnect-OpenStack -Session $session
    }

    It 'revokes the token at Keystone on Disconnect-OpenStack and forgets the default' {
        $token = New-LabToken
        $session = Connect-OpenStack -AuthUrl $seed.auth_url -Token (ConvertTo-SecureString $token -AsPlainText -Force)
        Disconnect-OpenStack
        Get-OpenStackSession | Should -BeNullOrEmpty
        $status = try { (Invoke-WebRequest -UseBasicParsing -Uri "$($seed.network_url)/v2.0/vpn/ipsec-site-connections" -Headers @{ 'X-Auth-Token' = $token }).StatusCode } catch { [int]$_.Exception.Response.StatusCode }
        $status | Should -Be 401
        $record = Get-ErrorRecord { Get-IpsecSiteConnection -Session $session }
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }
}
